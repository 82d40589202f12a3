import { sendMessage } from '../shared/browser.js';
import type { Command, CommandReply } from '../shared/commands.js';

/** Sends a command to the worker; throws with the worker's own message when it refuses. */
export async function sendCommand<T = unknown>(command: Command): Promise<T> {
  const reply = await sendMessage<CommandReply | undefined>(command);
  if (!reply) throw new Error('Upstream’s background worker did not answer');
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

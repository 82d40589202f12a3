import { sendMessage } from '../shared/browser.js';
import type { Command, CommandReplies, CommandReply } from '../store/worker-commands.js';
import { isRefusal, RefusedFile } from '../store/export-file/file-refusal.js';

/** Sends a command to the worker and returns its reply; throws with the worker's own message when it refuses (a refused file's reason kept). */
export async function sendCommand<C extends Command>(command: C): Promise<CommandReplies[C['type']]> {
  const reply = await sendMessage<CommandReply<C['type']> | undefined>(command);
  if (!reply) throw new Error('Upstream’s background worker did not answer');
  if (!reply.ok) throw isRefusal(reply.reason) ? new RefusedFile(reply.error, reply.reason) : new Error(reply.error);
  return reply.value;
}

/**
 * The legal frames the report explains (data: src/knowledge/data/legal-frames.json): the law
 * behind the United States' figures, each country group's, and a reader's own country's
 * where its text exists. Each frame's words are the message `law_<key>`; its citations are data.
 */
import framesFile from '../knowledge/data/legal-frames.json' with { type: 'json' };
import { groupMessage, GROUPS, type GroupName } from '../classify/country-groups.js';

export type FrameKey = keyof typeof framesFile.frames;
export const FRAMES = Object.keys(framesFile.frames) as FrameKey[];

export interface Citation {
  title: string;
  url: string;
}

export const citationsOf = (key: FrameKey): readonly Citation[] => framesFile.frames[key].citations;

/** The message that explains a frame: `law_us`, `law_five_eyes`, `law_fr`. */
export const lawMessage = (key: FrameKey): string => `law_${key.replace(/-/g, '_').toLowerCase()}`;

/** The frame of a group, of the United States ('us') or of a country, if the report has one. */
export function frameOf(groupOrCountry: GroupName | 'us' | string): FrameKey | null {
  return (FRAMES as string[]).includes(groupOrCountry) ? (groupOrCountry as FrameKey) : null;
}

/** What names a frame: its group's message, or null for a country (named by Intl in the reader's language). */
export function frameGroupMessage(key: FrameKey): string | null {
  if (key === 'us') return 'group_us';
  return (GROUPS as string[]).includes(key) ? groupMessage(key as GroupName) : null;
}

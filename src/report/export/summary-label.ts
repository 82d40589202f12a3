/**
 * The random label a workshop summary carries: chosen when the participant exports it,
 * shown to them, and put in the file name, so that the facilitator can tell the room's
 * files apart (and a participant can point at theirs) without anyone's name. Letters and
 * digits that cannot be misread for each other when said aloud or copied from a screen
 * (no 0/O, 1/I/L).
 */
export const LABEL_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LABEL_LENGTH = 6;
export const LABEL_PATTERN = new RegExp(`^[${LABEL_ALPHABET}]{${LABEL_LENGTH}}$`);

/**
 * A new label from the platform's cryptographic random source (browsers and Node alike).
 * Rejection sampling keeps every letter equally likely: 256 is not a multiple of the alphabet's 31.
 */
export function newSummaryLabel(randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const limit = 256 - (256 % LABEL_ALPHABET.length);
  let label = '';
  while (label.length < LABEL_LENGTH) {
    for (const byte of randomBytes(LABEL_LENGTH * 2)) {
      if (byte < limit && label.length < LABEL_LENGTH) label += LABEL_ALPHABET[byte % LABEL_ALPHABET.length];
    }
  }
  return label;
}

/**
 * Company names as upstream data spells them ("GitHub, Inc.", "Yahoo!", "Meta Platforms,
 * Inc.") reduced to one key, so the jurisdiction table's names and aliases match them
 * without a list of every spelling.
 */

/** Legal-form words that say nothing about which company is meant. */
const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'llc',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'sarl',
  'spa',
  'srl',
  'bv',
  'nv',
  'se',
  'ab',
  'as',
  'asa',
  'oy',
  'oyj',
  'kk',
  'pty',
  'lp',
  'llp',
  'kgaa',
]);

export function nameKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\./g, '') // "S.p.A." and "Inc." are one word each
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0);
  // Drop legal forms only at the end ("Co" inside a name is a word), and keep at least one word.
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1]!)) words.pop();
  if (words.length > 1 && words[0] === 'the') words.shift();
  return words.join(' ');
}

/**
 * Names come from the record or from a file someone else wrote, and may hold bidirectional
 * controls (a right-to-left override, U+202E) that would reorder the words around them.
 * Elements show them in <bdi>; a name inside a translated sentence, which the browser's
 * i18n returns as one string, is asked for as SLOT and put back here in its own <bdi>, so the
 * sentence's text stays exactly the translation and the name.
 */
export const SLOT = '\uE000';

export function NameInSentence({ sentence, name }: { sentence: string; name: string }) {
  const at = sentence.indexOf(SLOT);
  if (at < 0) return <>{sentence}</>;
  return (
    <>
      {sentence.slice(0, at)}
      <bdi>{name}</bdi>
      {sentence.slice(at + SLOT.length)}
    </>
  );
}

import { t } from '../../components/i18n.js';
import type { RoomMerge } from '../../workshop/room-files.js';

/** The message id of a refusal's reason, translated in extension/_locales. */
const refusalMessage = (kind: string): string => `roomRefused_${kind.replace(/-/g, '_')}`;

/**
 * Every file handed in, and what became of it: merged (with its label), the same summary as
 * an earlier file, or left out with its reason. File names come from someone else's
 * computer: each is shown in its own <bdi>, as text.
 */
export function RoomFileList({ merge }: { merge: RoomMerge }) {
  const { merged, duplicates, refused } = merge;
  if (merged.length + duplicates.length + refused.length === 0) return null;
  return (
    <div class="room-files">
      <h3>{t('roomFilesHeading')}</h3>
      <ul data-testid="room-file-list" aria-live="polite">
        {merged.map((file, i) => (
          <li key={`m${i}`} data-file={file.name} data-outcome="merged" data-label={file.label ?? ''}>
            <bdi class="file-name">{file.name}</bdi>: {file.label ? t('roomFileMerged', file.label) : t('roomFileMergedNoLabel')}
          </li>
        ))}
        {duplicates.map((file, i) => (
          <li key={`d${i}`} class="warning" data-file={file.name} data-outcome="duplicate">
            <bdi class="file-name">{file.name}</bdi>: {t('roomFileDuplicate')} <bdi>{file.sameAs}</bdi>
          </li>
        ))}
        {refused.map((file, i) => (
          <li key={`r${i}`} class="warning" data-file={file.name} data-outcome="refused" data-kind={file.kind}>
            <bdi class="file-name">{file.name}</bdi>: {t('roomFileRefused')} {t(refusalMessage(file.kind))}
            {file.kind === 'invalid' && (
              <>
                {' '}
                <span class="muted">({file.reason})</span>
              </>
            )}
          </li>
        ))}
      </ul>
      <p class="muted">{t('roomDuplicatesHow')}</p>
    </div>
  );
}

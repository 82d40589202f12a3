import { useState } from 'preact/hooks';
import { errorText } from '../../components/error-text.js';
import { t } from '../../components/i18n.js';
import { MAX_SUMMARY_BYTES } from '../../workshop/parse-summary.js';
import { tooLargeFile, unreadableFile, type RoomFile } from '../../workshop/room-files.js';

/** A file picked or dropped, as the room merge takes it: too large ones are refused unread. */
async function readRoomFile(file: File): Promise<RoomFile> {
  if (file.size > MAX_SUMMARY_BYTES) return tooLargeFile(file.name, file.size);
  try {
    return { name: file.name, text: await file.text() };
  } catch (error) {
    return unreadableFile(file.name, errorText(error));
  }
}

interface RoomIntakeProps {
  onAdd: (files: RoomFile[]) => void;
  onClear: () => void;
  /** files handed in so far, to offer starting again */
  count: number;
}

/**
 * Where the facilitator hands the summaries over: a file chooser taking several files at
 * once, and the same area as a drop target. Files add to those already there, as
 * participants hand theirs in one after another.
 */
export function RoomIntake({ onAdd, onClear, count }: RoomIntakeProps) {
  const [over, setOver] = useState(false);
  const [reading, setReading] = useState(false);
  const add = async (list: FileList | null | undefined) => {
    const chosen = [...(list ?? [])];
    if (chosen.length === 0) return;
    setReading(true);
    try {
      onAdd(await Promise.all(chosen.map(readRoomFile)));
    } finally {
      setReading(false);
    }
  };
  return (
    <div
      class={over ? 'room-intake over' : 'room-intake'}
      data-testid="room-drop"
      aria-busy={reading}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void add(e.dataTransfer?.files);
      }}
    >
      <label>
        {t('roomPickLabel')}{' '}
        <input
          type="file"
          multiple
          accept="application/json,.json"
          data-testid="room-files"
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            void add(input.files).finally(() => (input.value = ''));
          }}
        />
      </label>
      <p class="muted">{t('roomDropHint')}</p>
      {count > 0 && (
        <button type="button" data-testid="room-clear" onClick={onClear}>
          {t('roomClear')}
        </button>
      )}
    </div>
  );
}

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { extensionUrl } from '../../shared/browser.js';
import type { Settings } from '../../store/settings.js';
import { errorText } from '../components/error-text.js';
import { t } from '../components/i18n.js';
import { sendCommand } from '../send-command.js';

interface ControlsProps {
  settings: Settings | undefined;
  /** registrable domain (or host) of the page shown, when it is a web page */
  site: string | null;
}

/** Pause and resume, forget the site of this page (asked twice), and the way to the full report. */
export function PopupControls({ settings, site }: ControlsProps) {
  const [confirming, setConfirming] = useState(false);
  // What the last command did. Success is said to screen readers only: the page already
  // shows it (the banner, the button's label, the forgotten page), and every line counts
  // in a popup cut at 600 px. A failure is shown.
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  const paused = settings?.pausedSince != null;
  // The button pressed is replaced by the question (and back): focus follows, to the harmless
  // answer first, so that a keyboard user is not dropped at the top of the popup.
  const cancel = useRef<HTMLButtonElement>(null);
  const forget = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useLayoutEffect(() => {
    if (confirming) cancel.current?.focus();
    else if (asked.current) forget.current?.focus();
    asked.current ||= confirming;
  }, [confirming]);
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      setStatus({ text: done, failed: false });
    } catch (error) {
      setStatus({ text: t('commandFailed', errorText(error)), failed: true });
    }
  };
  return (
    <nav class="controls" aria-label={t('controlsLabel')}>
      {/* The label says what pressing does; no aria-pressed as well, which would read "Resume recording, pressed". */}
      <button
        type="button"
        data-testid="pause"
        data-paused={paused}
        disabled={!settings}
        onClick={() => run(() => sendCommand({ type: paused ? 'resume' : 'pause' }), t(paused ? 'resumed' : 'paused'))}
      >
        {t(paused ? 'popupResume' : 'popupPause')}
      </button>
      {site && !confirming && (
        <button type="button" data-testid="forget" ref={forget} onClick={() => setConfirming(true)}>
          {t('forgetSite')}
        </button>
      )}
      {site && confirming && (
        <span class="confirm" role="group" aria-label={t('forgetConfirm', site)}>
          <span>{t('forgetConfirm', site)}</span>{' '}
          <button
            type="button"
            class="danger"
            data-testid="forget-confirm"
            onClick={() => {
              setConfirming(false);
              void run(() => sendCommand({ type: 'forget-site', site }), t('forgotten', site));
            }}
          >
            {t('forgetYes')}
          </button>{' '}
          <button type="button" data-testid="forget-cancel" ref={cancel} onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </span>
      )}
      <a href={extensionUrl('report.html')} target="_blank" rel="noopener" data-testid="open-report">
        {t('openReportShort')}
      </a>
      <p role="status" class={status?.failed ? 'warning' : 'visually-hidden'} data-testid="control-status">
        {status?.text ?? ''}
      </p>
    </nav>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { Command } from '../../../store/worker-commands.js';
import { LIMITS, type Settings } from '../../../store/settings.js';
import { errorText } from '../../components/error-text.js';
import { t } from '../../components/i18n.js';
import { sendCommand } from '../../send-command.js';
import { useSettings } from '../../use-settings.js';
import { OwnCountrySetting } from './own-country-setting.js';

/** What Upstream records and for how long; forget a site; wipe everything. Every change goes through the worker, which validates it. */
export function SettingsView() {
  const settings = useSettings();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (command: Command, done: string) => {
    try {
      await sendCommand(command);
      setStatus({ ok: true, text: done });
      return true;
    } catch (error) {
      setStatus({ ok: false, text: t('commandFailed', errorText(error)) });
      return false;
    }
  };
  if (!settings) return null;
  return (
    <section aria-labelledby="settings-heading" data-testid="settings">
      <h2 id="settings-heading">{t('viewSettings')}</h2>
      <p role={status?.ok === false ? 'alert' : 'status'} class={status?.ok === false ? 'warning' : 'muted'} data-testid="settings-status">
        {status?.text ?? ''}
      </p>
      <Recording settings={settings} run={run} />
      <Retention settings={settings} run={run} />
      <OwnCountrySetting settings={settings} run={run} />
      <Excluded settings={settings} run={run} />
      <Forget run={run} />
      <Wipe run={run} />
    </section>
  );
}

type Run = (command: Command, done: string) => Promise<boolean>;

function Recording({ settings, run }: { settings: Settings; run: Run }) {
  const paused = settings.pausedSince !== null;
  return (
    <fieldset>
      <legend>{t('settingsRecording')}</legend>
      <p>{t(paused ? 'pausedBanner' : 'settingsRecordingOn')}</p>
      <button
        type="button"
        data-testid="settings-pause"
        onClick={() => run({ type: paused ? 'resume' : 'pause' }, t(paused ? 'resumed' : 'paused'))}
      >
        {t(paused ? 'resumeRecording' : 'pauseRecording')}
      </button>
    </fieldset>
  );
}

function Retention({ settings, run }: { settings: Settings; run: Run }) {
  const [days, setDays] = useState(String(settings.rawRetentionDays));
  const [months, setMonths] = useState(String(settings.rollupRetentionMonths));
  const [queries, setQueries] = useState(settings.storeQueryStrings);
  useEffect(() => {
    setDays(String(settings.rawRetentionDays));
    setMonths(String(settings.rollupRetentionMonths));
    setQueries(settings.storeQueryStrings);
  }, [settings.rawRetentionDays, settings.rollupRetentionMonths, settings.storeQueryStrings]);
  const save = (event: Event) => {
    event.preventDefault();
    // Sent as typed: the worker checks the numbers and says what is wrong.
    void run(
      {
        type: 'set-settings',
        settings: { ...settings, rawRetentionDays: Number(days), rollupRetentionMonths: Number(months), storeQueryStrings: queries },
      },
      t('settingsSaved'),
    );
  };
  return (
    <form onSubmit={save}>
      <fieldset>
        <legend>{t('settingsRetention')}</legend>
        <p>
          <label>
            {t('settingsRawDays')}{' '}
            <input
              type="number"
              name="raw-days"
              min={LIMITS.rawRetentionDays[0]}
              max={LIMITS.rawRetentionDays[1]}
              value={days}
              onInput={(e) => setDays((e.target as HTMLInputElement).value)}
            />
          </label>
        </p>
        <p>
          <label>
            {t('settingsRollupMonths')}{' '}
            <input
              type="number"
              name="rollup-months"
              min={LIMITS.rollupRetentionMonths[0]}
              max={LIMITS.rollupRetentionMonths[1]}
              value={months}
              onInput={(e) => setMonths((e.target as HTMLInputElement).value)}
            />
          </label>
        </p>
        <p>
          <label>
            <input
              type="checkbox"
              name="query-strings"
              checked={queries}
              onChange={(e) => setQueries((e.target as HTMLInputElement).checked)}
            />{' '}
            {t('settingsQueryStrings')}
          </label>
        </p>
        <button type="submit" data-testid="settings-save">
          {t('settingsSave')}
        </button>
      </fieldset>
    </form>
  );
}

function Excluded({ settings, run }: { settings: Settings; run: Run }) {
  const [site, setSite] = useState('');
  return (
    <fieldset>
      <legend>{t('settingsExcluded')}</legend>
      <ul data-testid="excluded-sites">
        {settings.excludedSites.map((s) => (
          <li key={s} data-site={s}>
            {s}{' '}
            <button
              type="button"
              aria-label={t('settingsIncludeAgain', s)}
              onClick={() => run({ type: 'include-site', site: s }, t('settingsIncluded', s))}
            >
              {t('settingsRemove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run({ type: 'exclude-site', site }, t('settingsExcludedDone', site)).then((ok) => ok && setSite(''));
        }}
      >
        <label>
          {t('settingsExcludeSite')}{' '}
          <input type="text" name="exclude-site" value={site} onInput={(e) => setSite((e.target as HTMLInputElement).value)} />
        </label>{' '}
        <button type="submit" data-testid="exclude-add">
          {t('settingsAdd')}
        </button>
      </form>
    </fieldset>
  );
}

function Forget({ run }: { run: Run }) {
  const [site, setSite] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run({ type: 'forget-site', site }, t('forgotten', site)).then((ok) => ok && setSite(''));
      }}
    >
      <fieldset>
        <legend>{t('forgetSite')}</legend>
        <label>
          {t('settingsForgetWhich')}{' '}
          <input type="text" name="forget-site" value={site} onInput={(e) => setSite((e.target as HTMLInputElement).value)} />
        </label>{' '}
        <button type="submit" data-testid="forget-submit">
          {t('forgetYes')}
        </button>
      </fieldset>
    </form>
  );
}

function Wipe({ run }: { run: Run }) {
  const [asking, setAsking] = useState(false);
  return (
    <fieldset>
      <legend>{t('settingsWipe')}</legend>
      <p>{t('settingsWipeWhat')}</p>
      {!asking ? (
        <button type="button" class="danger" data-testid="wipe" onClick={() => setAsking(true)}>
          {t('settingsWipe')}
        </button>
      ) : (
        <span role="group" aria-label={t('settingsWipeConfirm')}>
          <strong>{t('settingsWipeConfirm')}</strong>{' '}
          <button
            type="button"
            class="danger"
            data-testid="wipe-confirm"
            onClick={() => {
              setAsking(false);
              void run({ type: 'wipe' }, t('settingsWiped'));
            }}
          >
            {t('settingsWipeYes')}
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)}>
            {t('cancel')}
          </button>
        </span>
      )}
    </fieldset>
  );
}

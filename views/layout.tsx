// The frame of every page: header with navigation, language switch and account, then the page.
import type { Child } from 'hono/jsx';
import type { Ui } from '../src/web/context.js';
import { label } from '../src/web/i18n.js';
import { staticUrl } from '../src/web/static.js';

export type Section = 'dashboard' | 'queue' | 'search' | 'coverage' | 'audit' | 'users' | 'login' | 'item' | 'error';

// htmx must not inject its indicator <style> (the CSP allows no inline styles) nor evaluate anything.
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  historyCacheSize: 0,
  selfRequestsOnly: true,
});

function withLang(here: string, lang: string): string {
  return here + (here.includes('?') ? '&' : '?') + 'lang=' + lang;
}

export function Layout(props: { ui: Ui; title: string; section: Section; children?: Child; wide?: boolean }) {
  const { ui, title, section } = props;
  const { t } = ui;
  const nav: [Section, string, string][] = [
    ['dashboard', '/', t('navDashboard')],
    ['queue', '/queue', t('navQueue')],
    ['search', '/search', t('navSearch')],
    ['coverage', '/coverage', t('navCoverage')],
    ['audit', '/audit', t('navAudit')],
    ...(ui.user?.role === 'admin' ? [['users', '/admin/users', t('navUsers')] as [Section, string, string]] : []),
  ];
  const showNav = ui.user !== undefined || ui.publicRead;
  return (
    <html lang={ui.lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <meta name="referrer" content="same-origin" />
        <title>{`${title} · ${t('appShort')}`}</title>
        <link rel="stylesheet" href={staticUrl('app.css')} />
        <script src={staticUrl('htmx.min.js')} defer></script>
        <script src={staticUrl('app.js')} defer></script>
      </head>
      <body hx-headers={ui.csrf ? JSON.stringify({ 'X-CSRF-Token': ui.csrf }) : undefined} data-msg-network={t('errNetwork')}>
        <header class="top">
          <a class="brand" href="/">
            <span class="brand-mark">同</span>
            <span>{t('appName')}</span>
          </a>
          {showNav && (
            <nav class="nav" aria-label="main">
              {nav.map(([key, path, text]) => (
                <a href={path} aria-current={section === key ? 'page' : undefined}>
                  {text}
                </a>
              ))}
            </nav>
          )}
          <div class="top-right">
            <a class="lang" href={withLang(ui.here, ui.lang === 'zh' ? 'en' : 'zh')} hreflang={ui.lang === 'zh' ? 'en' : 'zh-CN'}>
              {t('switchLang')}
            </a>
            {ui.user ? (
              <span class="account">
                <span class="who">
                  {ui.user.name}
                  <small>
                    {ui.user.region} · {label(ui.lang, 'role', ui.user.role)}
                  </small>
                </span>
                <form method="post" action="/logout" class="inline">
                  <input type="hidden" name="_csrf" value={ui.csrf} />
                  <button type="submit" class="link">
                    {t('logout')}
                  </button>
                </form>
              </span>
            ) : (
              section !== 'login' && (
                <a class="account" href={`/login?next=${encodeURIComponent(ui.here)}`}>
                  {t('login')}
                </a>
              )
            )}
          </div>
        </header>
        <main class={props.wide ? 'page wide' : 'page'}>{props.children}</main>
        <footer class="foot">
          {t('appShort')} {ui.version}
        </footer>
      </body>
    </html>
  );
}

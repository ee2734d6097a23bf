// Error pages (400, 401 without a login form, 403, 404, 409, 413, 429, 500, 503). The message is the page's one
// role="alert" element: static/app.js shows it where an htmx request failed (with its links, e.g. 登录 on a 401).
import type { Ui } from '../src/web/context.js';
import { Layout } from './layout.js';

export function ErrorPage(props: { ui: Ui; status: number; message: string; back?: string }) {
  const { ui } = props;
  return (
    <Layout ui={ui} title={`${props.status}`} section="error">
      <div class="error-box">
        <h1>
          {props.status} · {ui.t('errorTitle')}
        </h1>
        <p class="error" role="alert">
          {props.message}
          {props.status === 401 && (
            <>
              {' '}
              <a href={`/login?next=${encodeURIComponent(props.back ?? '/')}`}>{ui.t('login')}</a>
            </>
          )}
        </p>
        <p>
          {props.back && (
            <a href={props.back} class="button">
              {ui.t('goBack')}
            </a>
          )}{' '}
          <a href="/">{ui.t('backHome')}</a>
        </p>
      </div>
    </Layout>
  );
}

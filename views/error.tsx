// Error pages (400, 401 without a login form, 403, 404, 409, 429, 500).
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

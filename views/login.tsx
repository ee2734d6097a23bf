// 登录: a plain form; the CSRF token of a not-yet-logged-in visitor lives in a short-lived cookie.
import type { Ui } from '../src/web/context.js';
import { Layout } from './layout.js';

export function LoginPage(props: { ui: Ui; csrf: string; next: string; name?: string; error?: string }) {
  const { ui } = props;
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('login')} section="login">
      <div class="login-box">
        <h1>{t('loginTitle')}</h1>
        <p class="muted">{t('loginHint')}</p>
        {props.error && (
          <p class="error" role="alert">
            {props.error}
          </p>
        )}
        <form method="post" action="/login" class="stack">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <input type="hidden" name="next" value={props.next} />
          <label>
            {t('userName')}
            <input type="text" name="name" value={props.name ?? ''} required autocomplete="username" autofocus maxlength={64} />
          </label>
          <label>
            {t('password')}
            <input type="password" name="password" required autocomplete="current-password" maxlength={1024} />
          </label>
          <button type="submit" class="primary">
            {t('login')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

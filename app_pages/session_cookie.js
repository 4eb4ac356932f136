// Sets or clears the session cookie: it posts the one-time code a sign-in issued (or nothing,
// at sign-out) to the server's own route, whose answer carries the HttpOnly cookie. The page
// never sees the cookie's value.
export default function (component) {
  const { data, setStateValue } = component;
  if (!data || !data.route) return;
  const marker = `${data.route}:${data.code || ''}`;
  if (window.__sessionCookieSent === marker) return;
  window.__sessionCookieSent = marker;
  fetch(data.route, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(data.code ? { code: data.code } : {}),
  })
    .then((reply) => setStateValue('done', { ok: reply.ok, marker }))
    .catch(() => setStateValue('done', { ok: false, marker }));
}

// The score pad's outbox, on every page: presses a pad had not had acknowledged when the member
// left the Score page (they wait in sessionStorage) are sent from here, and dropped once the
// server acknowledges them. While a pad is on the page it sends its own; this stays quiet.
export default function (component) {
  const { data, setStateValue } = component;
  const prefix = `pad:${data.user}-`;
  const read = (key) => { try { return JSON.parse(sessionStorage.getItem(key) || 'null'); } catch (e) { return null; } };
  for (const [scope, seqs] of Object.entries(data.acked || {})) {
    const stored = read(`pad:${scope}`);
    if (!stored) continue;
    const done = new Set(seqs.map(Number));
    stored.queue = (stored.queue || []).filter((p) => !done.has(p.seq));
    try { sessionStorage.setItem(`pad:${scope}`, JSON.stringify(stored)); } catch (e) { /* ignore */ }
  }
  const check = () => {
    const pending = [];
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (!key || !key.startsWith(prefix)) continue;
      const scope = key.slice(4);
      if (window.__scorePads?.[scope]) continue; // the pad is on the page: it sends its own
      const stored = read(key);
      if (stored?.queue?.length) pending.push({ scope, client: stored.client, presses: stored.queue });
    }
    const text = JSON.stringify(pending);
    if (pending.length && text !== window.__padOutboxSent) {
      window.__padOutboxSent = text;
      setStateValue('outbox', { pending, at: Date.now() });
    } else if (!pending.length) {
      window.__padOutboxSent = '';
    }
  };
  window.removeEventListener('score-pad-left', window.__padOutboxCheck || (() => {}));
  window.__padOutboxCheck = check;
  window.addEventListener('score-pad-left', check);
  check();
  return () => window.removeEventListener('score-pad-left', check);
}

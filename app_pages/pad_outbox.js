// The score pad's outbox, on every page: presses a pad had not had acknowledged when the member
// left the Score page (they wait in sessionStorage) are sent from here, and dropped once the
// server acknowledges them; so is word that the pad left (its drawing's id), which ends the
// reading time of the application it showed. While a pad is on the page it sends its own.
export default function (component) {
  const { data, setStateValue } = component;
  const prefix = `pad:${data.user}-`;
  const read = (key) => { try { return JSON.parse(sessionStorage.getItem(key) || 'null'); } catch (e) { return null; } };
  for (const scope of new Set([...Object.keys(data.acked || {}), ...Object.keys(data.left || {})])) {
    const seqs = data.acked?.[scope] || [];
    const stored = read(`pad:${scope}`);
    if (!stored) continue;
    const done = new Set(seqs.map(Number));
    stored.queue = (stored.queue || []).filter((p) => !done.has(p.seq));
    if (stored.left && stored.left === data.left?.[scope]) stored.left = null;
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
      if (stored?.queue?.length || stored?.left) pending.push({ scope, client: stored.client, presses: stored.queue || [], left: stored.left || null });
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

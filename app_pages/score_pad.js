// The keyboard score pad. It owns its state in the browser: every key press is queued with a
// sequence number, scores the criterion highlighted when it was pressed, and is sent to the
// server as part of the whole queue of presses not yet acknowledged (a state value, never a
// one-shot trigger that a later press could replace). The server applies each press once (it
// keeps a receipt per sequence number) and acknowledges it; what is not acknowledged is sent
// again, after a lost connection too. The queue survives a page refresh (sessionStorage).
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const root = parentElement.querySelector('.pad');
  let S = root.__pad;
  if (!S || S.scope !== data.scope) {
    S = root.__pad = start(data, root, setStateValue);
  }
  S.setStateValue = setStateValue;
  receive(S, data);
  draw(S);
  reportShown(S);
  if (!S.started) {
    S.started = true;
    // presses left from before a refresh, or the application it showed then: the server,
    // starting afresh, sent the applications around its first one
    if (S.queue.length || S.code !== data.code) send(S);
    focusRow(S, S.focus, !S.typingElsewhere());
  }
  (window.__scorePads ||= {})[S.scope] = true;
  // Streamlit calls this again for every new data, and may call the cleanup of a call it has
  // superseded while the pad stays on the page: only a pad no longer in the page is gone.
  return () => setTimeout(() => {
    if (root.isConnected) return;
    clearInterval(S.timer);
    S.left = S.mount; // the outbox tells the server: this drawing's reading ends now
    persist(S);
    delete window.__scorePads[S.scope];
    window.dispatchEvent(new Event('score-pad-left')); // the outbox delivers what is waiting
  }, 0);
}

const KEY = (code, criterion) => `${code}|${criterion}`;
const newId = () => (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));

function start(data, root, setStateValue) {
  const stored = (() => {
    try { return JSON.parse(sessionStorage.getItem(`pad:${data.scope}`) || 'null'); } catch (e) { return null; }
  })();
  const S = {
    scope: data.scope, root, setStateValue, started: false,
    client: stored?.client || newId(),
    mount: newId(), // this drawing of the pad: the server counts what it shows as opened
    seq: stored?.seq || 0,
    queue: stored?.queue || [],
    attempt: 0, lastSent: 0,
    code: stored?.code && (data.codes || []).includes(stored.code) ? stored.code : data.code,
    codes: data.codes || [], codesKey: data.codes_key,
    focus: 0, apps: {}, local: {}, note: null,
    typingElsewhere: () => { // the pad takes the focus when drawn, unless someone is typing
      const active = document.activeElement;
      return !!active && (['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName) || active.isContentEditable);
    },
  };
  for (const p of S.queue) S.local[KEY(p.code, p.criterion)] = { score: p.score, note: p.note, version: null, status: 'saving' };
  if (!root.__listening) { // once per element, whatever state is current
    root.__listening = true;
    root.addEventListener('keydown', (e) => root.__pad && onKey(root.__pad, e));
    root.addEventListener('click', (e) => root.__pad && onClick(root.__pad, e));
    root.addEventListener('focusin', (e) => {
      const P = root.__pad;
      const row = e.target.closest?.('[data-row]');
      if (P && row && Number(row.dataset.row) !== P.focus) { P.focus = Number(row.dataset.row); mark(P); }
    });
  }
  if (root.__pad?.timer) clearInterval(root.__pad.timer);
  S.timer = setInterval(() => { // resend what is not acknowledged (a lost connection drops it)
    if (S.queue.length && Date.now() - S.lastSent > 1500) send(S);
  }, 500);
  return S;
}

function persist(S) {
  try {
    sessionStorage.setItem(`pad:${S.scope}`, JSON.stringify({ client: S.client, seq: S.seq, queue: S.queue, code: S.code, left: S.left || null }));
  } catch (e) { /* storage full or blocked: the queue still lives in memory */ }
}

function send(S) {
  S.attempt += 1;
  S.lastSent = Date.now();
  persist(S);
  // The list of applications is sent once: the pad says which list it has.
  const read = Object.keys(S.apps).filter((c) => S.apps[c].statement !== undefined);
  S.sentShown = shownCode(S);
  S.setStateValue('pad', {
    client: S.client, code: S.code, presses: S.queue, attempt: S.attempt, codes_key: S.codesKey, read,
    mount: S.mount, shown: S.sentShown,
  });
}

// The application whose evidence the pad has on screen (null while it loads).
const shownCode = (S) => (S.apps[S.code]?.statement !== undefined ? S.code : null);

// The proof of human review: the server records the application the pad shows as opened, and
// its reading time runs until the pad shows another. A move sends at once; evidence that
// arrives after the move (or at the first drawing) is reported here, once.
function reportShown(S) {
  if (S.reporting || !shownCode(S) || shownCode(S) === S.sentShown) return;
  S.reporting = true;
  setTimeout(() => { S.reporting = false; if (shownCode(S) && shownCode(S) !== S.sentShown) send(S); }, 0);
}

function receive(S, data) {
  // Streamlit may call the pad for a superseded draw after a newer one: keep the newest.
  if (S.data && data.rev < S.data.rev) return;
  S.data = data;
  if (data.codes) { S.codes = data.codes; S.codesKey = data.codes_key; }
  else if (!S.codes.length) { S.codesKey = null; setTimeout(() => send(S), 0); } // ask for the list
  for (const [code, app] of Object.entries(data.apps || {})) {
    S.apps[code] = { ...(S.apps[code] || {}), ...app }; // evidence comes once, scores each time
  }
  const results = data.results || {};
  const done = new Set();
  for (const p of S.queue) {
    const r = results[String(p.seq)];
    if (!r || r.client !== S.client) continue;
    done.add(p.seq);
    const key = KEY(p.code, p.criterion);
    const later = S.queue.some((q) => q.seq > p.seq && KEY(q.code, q.criterion) === key && !results[String(q.seq)]);
    if (r.ok) {
      if (!later) S.local[key] = { score: r.score, note: r.note, version: r.version, status: 'saved', at: Date.now() };
    } else {
      const now = r.current || {};
      S.local[key] = { score: now.score ?? null, note: now.note ?? '', version: now.version ?? null, status: 'refused', message: r.message, at: Date.now() };
    }
  }
  if (done.size) { S.queue = S.queue.filter((p) => !done.has(p.seq)); persist(S); }
  if (data.status) S.status = data.status;
}

// What the pad shows for one criterion: a press not yet acknowledged, else what the server sent.
function shown(S, code, criterion) {
  const local = S.local[KEY(code, criterion)];
  const server = S.apps[code]?.scores?.[criterion] || null;
  if (local && (local.status === 'saving' || local.status === 'refused' || !server || (Date.now() - local.at < 4000 && server.version < local.version))) {
    return { ...(server || {}), ...local };
  }
  return server ? { ...server, status: local?.status === 'saved' && Date.now() - local.at < 4000 ? 'saved' : null } : { score: null, note: '', version: null };
}

function press(S, value) {
  const c = S.data.criteria[S.focus];
  if (!c || !S.apps[S.code] || S.data.locked) return; // read-only: the page says why, once
  give(S, S.focus, value, null);
  S.focus = Math.min(S.focus + 1, S.data.criteria.length - 1);
  draw(S);
  focusRow(S, S.focus, true);
}

function give(S, i, value, note) {
  if (S.data.locked) return;
  const c = S.data.criteria[i];
  const now = shown(S, S.code, c.id);
  const same = now.score === value && (note === null || note === (now.note || ''));
  const drawn = now.version ?? null;
  S.seq += 1;
  S.queue.push({ seq: S.seq, code: S.code, criterion: c.id, score: value, note, drawn });
  S.local[KEY(S.code, c.id)] = {
    score: value, note: note === null ? (now.note || '') : note,
    version: same ? drawn : (drawn ?? 0) + 1, status: 'saving', at: Date.now(),
  };
  send(S);
}

function move(S, step) {
  const i = S.codes.indexOf(S.code);
  const j = Math.max(0, Math.min(S.codes.length - 1, i + step));
  if (j === i) return;
  S.code = S.codes[j];
  S.focus = firstOpen(S);
  S.note = null;
  send(S); // tells the server where the pad is, so it sends the applications around it
  draw(S);
  focusRow(S, S.focus, true);
  S.root.querySelector('.evidence')?.scrollTo?.(0, 0);
}

function firstOpen(S) {
  const i = S.data.criteria.findIndex((c) => shown(S, S.code, c.id).score == null);
  return i < 0 ? 0 : i;
}

function onKey(S, e) {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const inNote = e.target.tagName === 'TEXTAREA';
  if (inNote) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); saveNote(S, e.target.value); }
    else if (e.key === 'Escape') { e.preventDefault(); S.note = null; draw(S); focusRow(S, S.focus, true); }
    return;
  }
  const values = S.data.scale.map((p) => String(p.value));
  if (values.includes(e.key)) { e.preventDefault(); press(S, Number(e.key)); }
  else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    S.focus = Math.max(0, Math.min(S.data.criteria.length - 1, S.focus + (e.key === 'ArrowDown' ? 1 : -1)));
    draw(S); focusRow(S, S.focus, true);
  } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    const radios = [...(e.target.closest('[role="radiogroup"]')?.querySelectorAll('[role="radio"]') || [])];
    const at = radios.indexOf(e.target);
    if (at >= 0) { e.preventDefault(); radios[(at + (e.key === 'ArrowRight' ? 1 : radios.length - 1)) % radios.length].focus(); }
  } else if (e.key === 'n') { e.preventDefault(); move(S, 1); }
  else if (e.key === 'p') { e.preventDefault(); move(S, -1); }
  else if (e.key === 'e') { e.preventDefault(); openNote(S, S.focus); }
  // Enter and Space are left to the focused control: on a score button they give that score.
}

function onClick(S, e) {
  const radio = e.target.closest('[role="radio"]');
  if (radio) {
    const i = Number(radio.closest('[data-row]').dataset.row);
    S.focus = i;
    give(S, i, Number(radio.dataset.value), null);
    S.focus = Math.min(i + 1, S.data.criteria.length - 1);
    draw(S); focusRow(S, S.focus, true);
    return;
  }
  const action = e.target.closest('[data-action]')?.dataset.action;
  if (action === 'next') move(S, 1);
  else if (action === 'previous') move(S, -1);
  else if (action === 'note') openNote(S, Number(e.target.closest('[data-row]').dataset.row));
  else if (action === 'save-note') saveNote(S, S.root.querySelector('textarea')?.value || '');
  else if (action === 'cancel-note') { S.note = null; draw(S); focusRow(S, S.focus, true); }
}

function openNote(S, i) {
  if (S.data.locked) return;
  const c = S.data.criteria[i];
  if (shown(S, S.code, c.id).score == null) { S.status = 'Give a score before its note.'; draw(S); return; }
  S.focus = i; S.note = i; draw(S);
  const area = S.root.querySelector('textarea');
  if (area) { area.focus(); area.setSelectionRange(area.value.length, area.value.length); }
}

function saveNote(S, text) {
  const i = S.note;
  if (i == null) return;
  const c = S.data.criteria[i];
  give(S, i, shown(S, S.code, c.id).score, text.trim());
  S.note = null; draw(S); focusRow(S, i, true);
}

function focusRow(S, i, take) {
  const row = S.root.querySelector(`[data-row="${i}"]`);
  if (!row) return;
  row.scrollIntoView({ block: 'nearest' });
  if (take) row.querySelector('[role="radio"][tabindex="0"]')?.focus({ preventScroll: true });
}

function mark(S) {
  S.root.querySelectorAll('[data-row]').forEach((row) => row.classList.toggle('current', Number(row.dataset.row) === S.focus));
}

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));

function draw(S) {
  const { criteria, scale } = S.data;
  const codes = S.codes;
  const app = codes.length && S.apps[S.code]?.statement !== undefined ? S.apps[S.code] : null;
  const at = codes.indexOf(S.code);
  const active = S.root.getRootNode().activeElement;
  const hadFocus = active && S.root.contains(active);
  const noteDraft = S.root.querySelector('textarea')?.value;
  S.root.dataset.code = S.code;
  S.root.dataset.pending = String(S.queue.length);
  if (!app) {
    S.root.innerHTML = `<p class="loading" role="status">Loading application ${esc(S.code)}…</p>`;
    return;
  }
  const done = criteria.filter((c) => shown(S, S.code, c.id).score != null).length;
  const evidence = [
    `<h3>Supporting statement</h3><div class="text">${esc(app.statement) || '<em>No supporting statement.</em>'}</div>`,
    ...criteria.filter((c) => app.evidence[c.id]).map((c) => `<h4>${esc(c.ref)}</h4><div class="text">${esc(app.evidence[c.id])}</div>`),
  ].join('');
  const rows = criteria.map((c, i) => {
    const now = shown(S, S.code, c.id);
    const label = `${c.ref}: ${c.text}`;
    const checked = scale.some((p) => p.value === now.score);
    const radios = scale.map((p, k) => {
      const on = now.score === p.value;
      const tab = on || (!checked && k === 0) ? 0 : -1;
      return `<button type="button" role="radio" data-value="${p.value}" aria-checked="${on}" tabindex="${tab}"${S.data.locked ? ' aria-disabled="true"' : ''}
        aria-label="${esc(`${p.value}, ${p.label}, for ${label}`)}" title="${esc(p.label)}">${p.value}</button>`;
    }).join('');
    const status = now.status === 'saving' ? '<span class="state saving">saving…</span>'
      : now.status === 'saved' ? '<span class="state saved">saved ✓</span>'
      : now.status === 'refused' ? `<span class="state refused" role="alert">not saved: ${esc(now.message)}</span>` : '';
    const note = S.note === i
      ? `<div class="note-editor"><label for="pad-note">Note for ${esc(c.ref)} (Enter saves, Esc cancels)</label>
          <textarea id="pad-note" rows="2">${esc(noteDraft ?? now.note ?? '')}</textarea>
          <button type="button" data-action="save-note">Save note</button><button type="button" data-action="cancel-note">Cancel</button></div>`
      : now.note ? `<div class="note">Note: ${esc(now.note)}</div>` : '';
    return `<div class="row ${i === S.focus ? 'current' : ''}" data-row="${i}" data-id="${esc(c.id)}">
      <span class="mark ${c.essential ? 'E' : 'D'}">${c.essential ? 'Essential' : 'Desirable'}</span>
      <span class="text" id="pad-c-${i}" aria-label="${esc(label)}">${esc(`${c.num}. ${c.text}`)}</span>
      <span class="scores" role="radiogroup" aria-labelledby="pad-c-${i}">${radios}
        <b class="score" aria-hidden="true">${now.score ?? '–'}</b>${status}
        ${S.data.locked ? '' : `<button type="button" class="add-note" data-action="note" tabindex="-1" aria-label="${esc(`Note for ${label}`)}">note</button>`}</span>
      ${note}</div>`;
  }).join('');
  const keys = scale.map((p) => p.value).join(' ');
  S.root.innerHTML = `
    <div class="head">
      <button type="button" data-action="previous" ${at <= 0 ? 'disabled' : ''}>Previous application</button>
      <strong class="where">Application ${esc(S.code)} (${at + 1} of ${codes.length})</strong>
      <span class="done">${done} of ${criteria.length} criteria scored</span>
      <button type="button" data-action="next" ${at >= codes.length - 1 ? 'disabled' : ''}>Next application</button>
    </div>
    <div class="body">
      <section class="evidence" aria-label="Evidence for ${esc(S.code)}" tabindex="0">${evidence}</section>
      <section class="criteria" aria-label="Criteria">${rows}
        <div class="status" role="status" aria-live="polite">${esc(S.status || '')}${S.queue.length ? ` Saving ${S.queue.length}…` : ''}</div>
        <p class="help">${S.data.locked ? 'Read-only (the page says why). Keys, with the pad in focus: ↑ ↓ move; n next application; p previous.' : `Keys, with the pad in focus: ${keys} score the highlighted criterion and move down; ↑ ↓ move; ← → choose a score, Enter or Space gives it; e adds a note; n next application; p previous. Tab moves from criterion to criterion.`}</p>
      </section>
    </div>`;
  if (S.note != null) {
    const area = S.root.querySelector('textarea');
    area?.focus();
  } else if (hadFocus) {
    focusRow(S, S.focus, true);
  }
}

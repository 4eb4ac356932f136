"""The keyboard score pad: one key per criterion, one to move on. Clicks work too.

A Streamlit custom component (v2, inline): the page keeps the data; the pad only reports
key presses and clicks as trigger values."""

from __future__ import annotations

import streamlit as st

CSS = """
.pad { font: inherit; }
.pad .row { display: grid; grid-template-columns: 2.2rem 1fr; column-gap: .5rem; row-gap: .25rem;
  align-items: start; padding: .4rem .5rem; border-radius: .4rem; border: 2px solid transparent; }
.pad .row.current { border-color: var(--st-primary-color); background: var(--st-secondary-background-color); }
.pad .mark { font-weight: 700; font-size: .8rem; text-align: center; border-radius: .3rem; padding: .1rem; }
.pad .mark.E { color: #fff; background: #b00020; }
.pad .mark.D { border: 1px solid var(--st-text-color); }
.pad .text { font-size: .95rem; }
.pad .scores { grid-column: 2; display: flex; gap: .3rem; align-items: center; flex-wrap: wrap; }
.pad .score { margin-left: .4rem; }
.pad button { min-width: 2.1rem; padding: .25rem .4rem; border-radius: .3rem; border: 1px solid var(--st-text-color);
  background: var(--st-background-color); color: var(--st-text-color); cursor: pointer; font: inherit; }
.pad button[aria-pressed="true"] { background: var(--st-primary-color); color: #fff; border-color: var(--st-primary-color); }
.pad .help { font-size: .8rem; opacity: .8; margin-top: .4rem; }
.pad .status { font-size: .85rem; margin-top: .3rem; min-height: 1.2rem; }
"""

JS = """
export default function(component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.pad');
  const values = data.scale.map(p => p.value);
  let focus = Math.min(data.focus ?? 0, data.criteria.length - 1);
  const esc = s => String(s).replace(/[&<>"']/g, ch => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[ch]));
  function draw() {
    root.dataset.code = data.code;
    root.innerHTML = data.criteria.map((c, i) => `
      <div class="row ${i === focus ? 'current' : ''}" data-id="${esc(c.id)}" role="group" aria-label="${esc(c.text)}">
        <span class="mark ${c.essential ? 'E' : 'D'}" title="${c.essential ? 'Essential' : 'Desirable'}">${c.essential ? 'E' : 'D'}</span>
        <span class="text">${esc(c.label)}</span>
        <span class="scores" role="radiogroup" aria-label="Score for ${esc(c.label)}">
          ${data.scale.map(p => `<button type="button" data-value="${p.value}" aria-pressed="${c.score === p.value}" title="${esc(p.label)}">${p.value}</button>`).join('')}
          <b class="score" aria-live="polite">${c.score ?? '–'}</b>
        </span>
      </div>`).join('') +
      `<div class="status" aria-live="polite">${esc(data.status || '')}</div>
       <div class="help">Keys: ${values.join(' ')} score the highlighted criterion and move down; ↑ ↓ move; n next application; p previous.</div>`;
    root.querySelectorAll('.row').forEach((row, i) => {
      row.querySelectorAll('button').forEach(b => b.onclick = () => score(i, Number(b.dataset.value)));
    });
  }
  function score(i, value) {
    const c = data.criteria[i];
    focus = Math.min(i + 1, data.criteria.length - 1);
    // The version this screen shows goes with the score: the server refuses it if stale.
    setTriggerValue('score', { code: data.code, criterion: c.id, value, version: c.version ?? null, focus, at: Date.now() });
    draw();
  }
  draw();
  const onKey = (e) => {
    const tag = (e.target && e.target.tagName) || '';
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(tag) || e.target.isContentEditable || e.ctrlKey || e.metaKey || e.altKey) return;
    if (values.includes(Number(e.key)) && e.key.trim() !== '') { e.preventDefault(); score(focus, Number(e.key)); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); focus = Math.min(focus + 1, data.criteria.length - 1); draw(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); focus = Math.max(focus - 1, 0); draw(); }
    else if (e.key === 'n' || e.key === 'Enter') { e.preventDefault(); setTriggerValue('nav', { to: 'next', at: Date.now() }); }
    else if (e.key === 'p') { e.preventDefault(); setTriggerValue('nav', { to: 'previous', at: Date.now() }); }
  };
  // The function runs again whenever the page sends new data: keep exactly one listener.
  if (parentElement.__padKeys) document.removeEventListener('keydown', parentElement.__padKeys);
  parentElement.__padKeys = onKey;
  document.addEventListener('keydown', onKey);
  return () => { document.removeEventListener('keydown', onKey); parentElement.__padKeys = null; };
}
"""

score_pad = st.components.v2.component("score_pad", html="<div class='pad'></div>", css=CSS, js=JS)

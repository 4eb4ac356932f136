"""axe-core, through its Playwright binding (axe-playwright-python), on every page a browser
journey shows: each screenshot step (tests/browser/conftest.py `shots`) is also checked against
WCAG 2.0, 2.1 and 2.2 A and AA, and a serious or critical violation fails the test, naming the
step, the rule, and the elements."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING = ("serious", "critical")


def violations(page: Any) -> list[dict[str, Any]]:
    """The serious and critical WCAG A/AA violations on the page as it stands."""
    results = AXE.run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    )
    found: list[dict[str, Any]] = results.response["violations"]
    return [v for v in found if v.get("impact") in FAILING]


def describe(step: str, found: list[dict[str, Any]]) -> str:
    lines = [f"{step}: {len(found)} serious or critical accessibility violation(s)"]
    for v in found:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:5])
        lines.append(f"- {v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}: {targets})")
    return "\n".join(lines)


def assert_accessible(page: Any, step: str) -> None:
    found = violations(page)
    assert not found, describe(step, found)


# What axe cannot see. Each returns what fails (empty when the page passes), for a test to assert.

LOOK = """(el) => {
  // What shows focus: the outline, shadow, border and background of the control and of the
  // three elements around it (a text box draws its focus on its frame).
  const parts = [];
  for (let node = el, up = 0; node && node.nodeType === 1 && up < 4; up++) {
    const s = getComputedStyle(node);
    parts.push([s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor,
                s.backgroundColor].join(' '));
    node = node.parentElement || (node.getRootNode && node.getRootNode().host);
  }
  return parts.join(' | ');
}"""

FOCUSABLE = (
    """() => {
  const LOOK = """
    + LOOK
    + """;
  // Every control a keyboard user should reach, in the order of the document, custom
  // components' shadow roots included. Hidden ones, disabled ones and tabindex=-1 are not.
  const found = [];
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (!el.matches(selector) || el.disabled || el.getAttribute('tabindex') === '-1') continue;
      if (el.matches('input[type=hidden], [inert] *, [aria-hidden=true] *')) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 && box.height === 0 && !el.matches('input[type=checkbox], input[type=radio], input[type=file]')) continue;
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      found.push(el);
    }
  };
  walk(document);
  window.__focusables = found;
  window.__unfocused = found.map(el => LOOK(el));  // how each looks without the focus
  return found.length;
}"""
)

FOCUSED = (
    """() => {
  // The element with the focus (inside a shadow root too), its index among the focusables
  // listed before, a description, and whether it or a near ancestor shows a focus outline.
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body) return null;
  const LOOK = """
    + LOOK
    + """;
  const index = (window.__focusables || []).indexOf(el);
  const s = getComputedStyle(el);
  // A control listed before: it must look different with the focus. Any other (a scrolling
  // box the browser makes focusable): it must carry an outline of its own.
  const shown = index >= 0
    ? LOOK(el) !== window.__unfocused[index]
    : s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const name = el.getAttribute('aria-label') || el.innerText || el.value || el.placeholder || '';
  return {index, tag: el.tagName,
          name: String(name).trim().slice(0, 60), outlined: shown};
}"""
)


def tab_through(page: Any, limit: int = 400) -> tuple[int, list[dict[str, Any]]]:
    """Press Tab from the top of the page until the focus leaves it or comes round again:
    how many controls the page has, and each one the focus reached, in order."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.mouse.move(0, 0)  # nothing hovered
    total = int(page.evaluate(FOCUSABLE))
    page.locator("body").focus()
    reached: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUSED)
        if now is None:
            continue
        if reached and now["index"] == reached[0]["index"] and now["index"] >= 0:
            break  # round again
        reached.append(now)
    # The browser starts from the last control clicked: begin the round at the top of the page
    first = min(range(len(reached)), key=lambda i: (reached[i]["index"] < 0, reached[i]["index"]))
    return total, reached[first:] + reached[:first]


TEXT_PROBLEMS = """() => {
  // Text cut off (its box scrolls or ellipsises what it holds) or drawn over other text.
  const leaves = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      if (!own) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width <= 2 || box.height <= 2 || style.visibility === 'hidden') continue;
      if (el.closest('a[href="#stMain"]')) continue;  // the skip link, shown when focused
      // A closed expander draws only its summary; Chromium still lays its content out (and
      // gives it boxes) under the summary, over whatever follows, where nobody sees it.
      if (el.closest('details:not([open])') && !el.closest('summary')) continue;
      if (el.closest('[aria-hidden=true], [data-testid=stIconMaterial], canvas, svg, .stDataFrame, [data-testid=stTooltipContent]')) continue;
      leaves.push(el);
    }
  };
  walk(document);
  const clipped = [];
  for (const el of leaves) {
    const style = getComputedStyle(el);
    const cuts = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    if (cuts && el.scrollWidth > el.clientWidth + 1) clipped.push(el.textContent.trim().slice(0, 60));
  }
  const rects = leaves.map(el => {
    const range = document.createRange(); range.selectNodeContents(el);
    return [...range.getClientRects()].filter(r => r.width > 1 && r.height > 1);
  });
  const region = (el) => el.closest('[data-testid=stSidebar]') ? 'sidebar' : 'page';
  const overlapping = [];
  for (let i = 0; i < leaves.length; i++) for (let j = i + 1; j < leaves.length; j++) {
    if (leaves[i].contains(leaves[j]) || leaves[j].contains(leaves[i])) continue;
    // the sidebar opened on a narrow screen is a drawer over the page, not text on text
    if (region(leaves[i]) !== region(leaves[j])) continue;
    for (const a of rects[i]) for (const b of rects[j]) {
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 2 && h > 2) overlapping.push(leaves[i].textContent.trim().slice(0, 40) + ' / ' + leaves[j].textContent.trim().slice(0, 40));
    }
  }
  return {clipped, overlapping: [...new Set(overlapping)]};
}"""


def text_problems(page: Any) -> dict[str, list[str]]:
    """Text on the page that is cut off or overlaps other text."""
    found: dict[str, list[str]] = page.evaluate(TEXT_PROBLEMS)
    return found


def small_targets(page: Any, selector: str, minimum: float = 24) -> list[str]:
    """Each visible control matched by `selector` smaller than `minimum` CSS pixels either way
    (WCAG 2.5.8 Target size, minimum)."""
    small = []
    for control in page.locator(selector).all():
        if not control.is_visible():
            continue
        box = control.bounding_box()
        if box and (box["width"] < minimum or box["height"] < minimum):
            name = control.get_attribute("aria-label") or control.inner_text()
            small.append(f"{name!r}: {box['width']:.0f}x{box['height']:.0f}")
    return small

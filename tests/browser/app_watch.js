// Installed in every page the browser tests open, before the app's own code (an init script;
// tests/browser/helpers.py `watch`). It keeps count of the work the app has in hand, so that
// `settle` can wait for exactly that work to end, never for a fixed time:
// - the reruns it asked the server for (BackMsg rerun_script, sent on the app's WebSocket) and
//   the runs the server started (ForwardMsg new_session) and finished (script_finished);
// - its questions to the server that a later step waits on (file_urls_request, answered by
//   file_urls_response: an upload asks where to put the file before it sends it);
// - its HTTP requests in flight (fetch, XMLHttpRequest: an upload, the session cookie's post);
// - its zero-delay timers not yet run: Streamlit sends a widget's new value from one
//   (WidgetStateManager.scheduleFlush), so just after a click the rerun is yet to be asked for;
// - which of settle's checks (made once an animation frame) saw the last of the above, to
//   tell that the page has drawn since. (No frame loop of its own: it would keep every page
//   the tests open drawing 60 times a second.)
(() => {
  if (window.__appWatch) return;
  const w = {
    seq: 0, // a clock of the events below
    asked: 0, // when the last rerun was asked for
    started: 0, // when the last run started
    finished: 0, // when the last run that finished had started
    questions: 0, // file_urls_request sent and not yet answered
    requests: 0, // fetch and XMLHttpRequest in flight
    timers: new Set(), // zero-delay timers not yet run
    frame: 0, // settle's checks so far
    busy: 0, // the check before the last event
  };
  window.__appWatch = w;
  const event = () => { w.busy = w.frame; };

  // The top-level fields of a protobuf message: [number, value] (the value of varints only).
  const fields = (data) => {
    const b = data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const found = [];
    let i = 0;
    const varint = () => {
      let value = 0;
      for (let shift = 0; i < b.length; shift += 7) {
        const byte = b[i++];
        value += (byte & 0x7f) * 2 ** shift;
        if (!(byte & 0x80)) break;
      }
      return value;
    };
    while (i < b.length) {
      const tag = varint();
      const number = Math.floor(tag / 8);
      const wire = tag % 8;
      if (wire === 0) found.push([number, varint()]);
      else if (wire === 2) { const length = varint(); found.push([number, null]); i += length; }
      else if (wire === 1) { found.push([number, null]); i += 8; }
      else if (wire === 5) { found.push([number, null]); i += 4; }
      else break; // groups: not in Streamlit's messages
    }
    return found;
  };

  const RERUN_SCRIPT = 11, FILE_URLS_REQUEST = 16; // BackMsg
  const NEW_SESSION = 4, SCRIPT_FINISHED = 6, FILE_URLS_RESPONSE = 19; // ForwardMsg
  const FINISHED_EARLY_FOR_RERUN = 2; // a run cut short: the run that replaces it follows

  const received = (message) => {
    if (!(message.data instanceof ArrayBuffer)) return;
    for (const [number, value] of fields(message.data)) {
      if (number === NEW_SESSION) w.started = ++w.seq;
      else if (number === SCRIPT_FINISHED && value !== FINISHED_EARLY_FOR_RERUN) w.finished = w.started;
      else if (number === FILE_URLS_RESPONSE) w.questions = Math.max(0, w.questions - 1);
    }
    event();
  };
  const closed = () => { // what was asked on a lost connection is never answered on it
    w.started = w.finished = ++w.seq;
    w.questions = 0;
    event();
  };
  const watched = new WeakSet();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (!watched.has(this)) { // the app's socket sends before the server says anything
      watched.add(this);
      this.addEventListener('message', received);
      this.addEventListener('close', closed);
    }
    if (this.readyState === WebSocket.OPEN && typeof data !== 'string' && !(data instanceof Blob)) {
      for (const [number] of fields(data)) {
        if (number === RERUN_SCRIPT) w.asked = ++w.seq;
        else if (number === FILE_URLS_REQUEST) w.questions += 1;
      }
      event();
    }
    return send.call(this, data);
  };

  const fetch = window.fetch;
  window.fetch = function (...args) {
    w.requests += 1;
    event();
    const done = () => { w.requests -= 1; event(); };
    const reply = fetch.apply(this, args);
    reply.then(done, done); // before the caller's own callbacks
    return reply;
  };
  const xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    w.requests += 1;
    event();
    this.addEventListener('loadend', () => { w.requests -= 1; event(); }, { once: true });
    return xhrSend.apply(this, args);
  };

  const setTimeout = window.setTimeout;
  const clearTimeout = window.clearTimeout;
  window.setTimeout = function (handler, delay, ...args) {
    if (typeof handler !== 'function' || Number(delay) > 0) return setTimeout(handler, delay, ...args);
    const id = setTimeout(function () {
      w.timers.delete(id);
      event();
      return handler.apply(this, args);
    }, delay);
    w.timers.add(id);
    return id;
  };
  window.clearTimeout = function (id) {
    w.timers.delete(id);
    return clearTimeout(id);
  };
})();

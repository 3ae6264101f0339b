// The message area of every page: one place where errors and notices are
// shown in Chinese. Pages and api.js call show*(); the area is the element
// with id "messages" (created by layout.js or present in the page).
//
// Messages belong to the user's action that led to them: each click or
// form submission starts a new action, and a new submission (a form's
// submit event, or a state-changing API call: beginSubmission()) clears
// what earlier actions left, so old successes and errors never pile up
// above the new outcome. Messages of the current action stay (a notice
// shown just before the action's own request).

let action = 0;  // the current user action, counted
if (typeof window !== 'undefined') {
  // Capture phase: runs before the page's own handlers of the same event.
  window.addEventListener('click', () => { action += 1; }, true);
  window.addEventListener('submit', () => { action += 1; beginSubmission(); }, true);
}

function area() {
  let el = document.getElementById('messages');
  if (!el) {
    el = document.createElement('div');
    el.id = 'messages';
    el.className = 'messages';
    (document.querySelector('main') || document.body).prepend(el);
  }
  return el;
}

function show(kind, text) {
  const box = document.createElement('div');
  box.className = `msg msg-${kind}`;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.dataset.action = String(action);
  const span = document.createElement('span');
  span.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', '关闭');
  close.textContent = '×';
  close.addEventListener('click', () => box.remove());
  box.append(span, close);
  area().append(box);
  box.scrollIntoView?.({ block: 'nearest' });
  return box;
}

export function showError(text) { return show('error', text); }
export function showInfo(text) { return show('info', text); }
export function showOk(text) { return show('ok', text); }
export function clearMessages() { area().replaceChildren(); }

// A new submission: removes the messages of earlier user actions.
export function beginSubmission() {
  const el = document.getElementById('messages');
  if (!el) return;
  for (const box of [...el.children]) {
    if (Number(box.dataset.action ?? -1) < action) box.remove();
  }
}

// The message area of every page: one place where errors and notices are
// shown in Chinese. Pages and api.js call show*(); the area is the element
// with id "messages" (created by layout.js or present in the page).

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

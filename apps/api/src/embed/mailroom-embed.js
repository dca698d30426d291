/*! Mailroom embed: progressive enhancement for contact and newsletter forms. No dependencies, no inline code. */
(function () {
  'use strict';

  var MESSAGES = {
    contact: 'Thank you, your message has been sent.',
    newsletter: 'Almost done: check your inbox and follow the link to confirm.',
    failed: 'Something went wrong. Please try again in a moment.',
    tooLarge: 'That is too long to send. Please shorten it and try again.',
    offline: 'Could not reach the server. Check your connection and try again.',
    tooMany: 'Too many attempts. Please try again in {seconds} s.',
  };

  function statusElement(form) {
    var status = form.querySelector('[data-mailroom-status]');
    if (!status) {
      status = document.createElement('p');
      status.setAttribute('data-mailroom-status', '');
      status.className = 'mailroom-status';
      form.appendChild(status);
    }
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    return status;
  }

  function clearErrors(form) {
    var shown = form.querySelectorAll('[data-mailroom-error]');
    for (var i = 0; i < shown.length; i++) {
      if (shown[i].hasAttribute('data-mailroom-created')) shown[i].parentNode.removeChild(shown[i]);
      else shown[i].textContent = '';
    }
    var invalid = form.querySelectorAll('[aria-invalid="true"]');
    for (var j = 0; j < invalid.length; j++) invalid[j].removeAttribute('aria-invalid');
  }

  /** Shows a field's problem beside its input: in `[data-mailroom-error="field"]` if the page has one, else after it. */
  function showFieldError(form, field, problem) {
    var input = form.elements.namedItem(field);
    var slot = form.querySelector('[data-mailroom-error="' + field.replace(/[^A-Za-z0-9_-]/g, '') + '"]');
    if (!slot) {
      slot = document.createElement('span');
      slot.className = 'mailroom-error';
      slot.setAttribute('data-mailroom-error', field);
      slot.setAttribute('data-mailroom-created', '');
      if (input && input.parentNode) input.parentNode.insertBefore(slot, input.nextSibling);
      else form.appendChild(slot);
    }
    slot.id = slot.id || 'mailroom-error-' + field;
    slot.textContent = field.charAt(0).toUpperCase() + field.slice(1).replace(/_/g, ' ') + ' ' + problem;
    if (input && input.setAttribute) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', slot.id);
    }
    return input;
  }

  function bodyOf(form) {
    var body = {};
    var data = new FormData(form);
    data.forEach(function (value, name) {
      if (typeof value === 'string') body[name] = value;
    });
    return body;
  }

  function send(form, kind) {
    var status = statusElement(form);
    var button = form.querySelector('[type="submit"]');
    clearErrors(form);
    status.textContent = '';
    if (button) button.disabled = true;
    var done = function () {
      if (button) button.disabled = false;
    };
    fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(bodyOf(form)),
      credentials: 'omit',
    })
      .then(function (response) {
        if (response.status === 201 || response.status === 202) {
          form.reset();
          status.textContent = form.getAttribute('data-mailroom-success') || MESSAGES[kind];
          return;
        }
        if (response.status === 429) {
          var seconds = parseInt(response.headers.get('retry-after') || '60', 10);
          status.textContent = MESSAGES.tooMany.replace('{seconds}', String(isNaN(seconds) ? 60 : seconds));
          return;
        }
        if (response.status === 413) {
          status.textContent = MESSAGES.tooLarge;
          return;
        }
        return response.json().then(
          function (error) {
            var fields = (error && error.fields) || {};
            var first;
            for (var field in fields) {
              if (Object.prototype.hasOwnProperty.call(fields, field)) {
                var input = showFieldError(form, field, String(fields[field]));
                first = first || input;
              }
            }
            status.textContent = first ? 'Please correct the highlighted fields.' : MESSAGES.failed;
            if (first && first.focus) first.focus();
          },
          function () {
            status.textContent = MESSAGES.failed;
          },
        );
      })
      .catch(function () {
        status.textContent = MESSAGES.offline;
      })
      .then(done, done);
  }

  function enhance(form) {
    var kind = form.getAttribute('data-mailroom');
    if ((kind !== 'contact' && kind !== 'newsletter') || form.hasAttribute('data-mailroom-ready')) return;
    form.setAttribute('data-mailroom-ready', '');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      send(form, kind);
    });
  }

  function enhanceAll() {
    var forms = document.querySelectorAll('form[data-mailroom]');
    for (var i = 0; i < forms.length; i++) enhance(forms[i]);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', enhanceAll);
  else enhanceAll();
})();

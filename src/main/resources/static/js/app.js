// Sends the CSRF token with every htmx request.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// A form that posts is sent once: after the first submit its buttons are disabled and the one pressed shows a
// spinner, so a double click (or an impatient second click on a slow import) does not send it twice. The
// buttons come back when the page is shown again from the browser's history.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (event.defaultPrevented || (form.method || '').toLowerCase() !== 'post' || form.dataset.sent === 'true') {
    if (form.dataset.sent === 'true') {
      event.preventDefault();
    }
    return;
  }
  form.dataset.sent = 'true';
  var pressed = event.submitter;
  setTimeout(function () {
    form.querySelectorAll('button[type=submit], button:not([type]), input[type=submit]').forEach(function (button) {
      button.disabled = true;
    });
    if (pressed && pressed.tagName === 'BUTTON') {
      var spinner = document.createElement('span');
      spinner.className = 'spinner-border spinner-border-sm me-1';
      spinner.setAttribute('aria-hidden', 'true');
      pressed.prepend(spinner);
      pressed.setAttribute('aria-busy', 'true');
    }
  }, 0);
});
window.addEventListener('pageshow', function () {
  document.querySelectorAll('form[data-sent="true"]').forEach(function (form) {
    delete form.dataset.sent;
    form.querySelectorAll('[aria-busy="true"] .spinner-border').forEach(function (spinner) { spinner.remove(); });
    form.querySelectorAll('button, input[type=submit]').forEach(function (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    });
  });
});

// A choice that filters the page (a year, a street) shows the new page as soon as it changes: the select carries
// data-autosubmit instead of an inline handler, which the page's Content-Security-Policy would block.
document.addEventListener('change', function (event) {
  var field = event.target;
  if (field.matches && field.matches('[data-autosubmit]') && field.form) {
    field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
  }
});

// A list of places too long to offer every level at once (a city's communities) carries data-reload: choosing a
// place loads the whole page again, not only the table, so the list then offers the chosen place's own units. The
// listener runs in the capture phase, before the form's htmx trigger, and stops the event there.
document.addEventListener('change', function (event) {
  var field = event.target;
  if (field.matches && field.matches('select[data-reload]') && field.form) {
    event.stopImmediatePropagation();
    var query = new URLSearchParams(new FormData(field.form)).toString();
    window.location.assign(field.form.getAttribute('action') + (query ? '?' + query : ''));
  }
}, true);

// A file that takes seconds to build before its first byte (a district's ledger as .xlsx) shows that it is being
// prepared: the link (data-download holds the words to show) is disabled, so a second click does not start a second
// export, until the answer's cookie (see DownloadSignal) carries back the random token the link was sent with. The
// file is asked for in a hidden frame: a page navigating to it would stop painting until the answer came (Chromium
// holds the old page's paint meanwhile), and the spinner would never show. A refusal is a page, not a file: the
// frame loads it (or Chromium's own page saying it may not be framed), and the link then opens it in the window.
document.addEventListener('click', function (event) {
  var link = event.target.closest ? event.target.closest('a[data-download]') : null;
  if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
    return;
  }
  event.preventDefault();
  if (link.getAttribute('aria-busy') === 'true') {
    return;
  }
  var random = new Uint32Array(2);
  window.crypto.getRandomValues(random);
  var token = ('0000000' + random[0].toString(36)).slice(-7) + ('0000000' + random[1].toString(36)).slice(-7);
  var url = new URL(link.href, window.location.href);
  url.searchParams.set('downloadToken', token);
  var label = link.innerHTML;
  link.setAttribute('aria-busy', 'true');
  link.classList.add('disabled');
  link.innerHTML = '<span class="spinner-border spinner-border-sm me-1" aria-hidden="true"></span>';
  link.appendChild(document.createTextNode(link.getAttribute('data-download')));
  var frame = document.createElement('iframe');
  frame.hidden = true;
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  var started = Date.now();
  var timer;
  function done() {
    clearInterval(timer);
    link.innerHTML = label;
    link.classList.remove('disabled');
    link.removeAttribute('aria-busy');
    setTimeout(function () { frame.remove(); }, 60 * 1000);
  }
  frame.addEventListener('load', function () {
    // a file leaves the frame on its empty first page (and Chromium may still fire load for it): only a page that
    // came instead of the file (a refusal, which the page's own headers keep out of a frame) counts
    var page = null;
    try {
      page = frame.contentDocument;
    } catch (blocked) {
      page = null;
    }
    if (page && (page.URL === 'about:blank' || page.URL === '') && !page.body.childElementCount) {
      return;
    }
    done();
    window.location.assign(link.href);
  });
  timer = setInterval(function () {
    var arrived = document.cookie.split('; ').indexOf('liudong-download=' + token) >= 0;
    if (arrived || Date.now() - started > 10 * 60 * 1000) {
      done();
    }
  }, 300);
  frame.src = url.toString();
  document.body.appendChild(frame);
});

// A result select offers only the results of the service chosen beside it (data-results-of names that select; each
// option lists its services in data-services); without this script it offers every result, and the server checks.
function limitResults(select) {
  var service = document.getElementById(select.getAttribute('data-results-of'));
  if (!service) {
    return;
  }
  Array.prototype.forEach.call(select.options, function (option) {
    var services = option.getAttribute('data-services');
    var fits = !services || services.split(' ').indexOf(service.value) >= 0;
    option.hidden = !fits;
    option.disabled = !fits;
    if (!fits && option.selected) {
      select.value = '';
    }
  });
}
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('select[data-results-of]').forEach(limitResults);
});
document.addEventListener('change', function (event) {
  document.querySelectorAll('select[data-results-of="' + event.target.id + '"]').forEach(limitResults);
});

// A row the reader asked for (a county found in a long league) is brought into view when the page opens.
document.addEventListener('DOMContentLoaded', function () {
  var wanted = document.querySelector('[data-scroll-into-view]');
  if (wanted && !window.location.hash) {
    wanted.scrollIntoView({block: 'center'});
  }
});

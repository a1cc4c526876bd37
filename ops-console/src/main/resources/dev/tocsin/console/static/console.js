// Tocsin ops console: live incident list (server-sent events) and the fate of a sent command.
// Served from 'self' under a CSP without inline script; the pages work without it (plain forms and links).
(function () {
  'use strict';

  // a session that ended (logout elsewhere, idle expiry, restart) sends the user to the login, then back here
  function toLogin() {
    location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
  }

  function liveList(table) {
    var body = document.getElementById('incident-rows');
    var status = document.getElementById('live-status');
    var rowsUrl = table.getAttribute('data-rows');
    var pending = null;

    function say(text) { if (status) { status.textContent = text; } }

    function refresh() {
      pending = null;
      fetch(rowsUrl, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (r) {
          if (r.status === 401) { toLogin(); }
          if (!r.ok) { throw new Error('HTTP ' + r.status); }
          return r.text();
        })
        .then(function (html) {
          body.innerHTML = html;
          say('Live: updated ' + new Date().toLocaleTimeString() + '.');
        })
        .catch(function (e) { say('Live update failed (' + e.message + '); retrying.'); });
    }

    function soon() { if (pending === null) { pending = setTimeout(refresh, 300); } }

    var events = new EventSource('/events');
    events.addEventListener('incidents', soon);
    events.addEventListener('hello', function () { say('Live: the list updates by itself.'); });
    events.onerror = function () { say('Live updates interrupted; reconnecting…'); };
    // SLA countdowns move with the clock, not only with changes
    setInterval(soon, 30000);
  }

  function commandOutcome(box) {
    var id = box.getAttribute('data-command');
    var tries = 0;
    function show(cls, text) {
      var p = document.createElement('p');
      p.className = cls;
      p.textContent = text;
      box.replaceChildren(p);
    }
    function poll() {
      tries++;
      fetch('/commands/' + encodeURIComponent(id), { credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (o) {
          if (o.state === 'rejected') {
            show('error', 'Rejected by the correlator: ' + o.message);
            box.setAttribute('data-state', 'rejected');
          } else if (o.state === 'applied') {
            box.setAttribute('data-state', 'applied');
            location.replace(location.pathname + '?notice=' + encodeURIComponent('Applied: ' + o.message));
          } else if (tries < 60) {
            setTimeout(poll, 500);
          } else {
            show('notice', 'No answer from the correlator yet; reload to check.');
          }
        })
        .catch(function () { if (tries < 60) { setTimeout(poll, 1000); } });
    }
    poll();
  }

  // the incident page says so when the incident changes while it is open (another operator, a new alert)
  function liveIncident(box) {
    var id = box.getAttribute('data-incident');
    var events = new EventSource('/events');
    events.addEventListener('incidents', function (e) {
      if (e.data.split(',').indexOf(id) < 0 || box.childElementCount > 0) { return; }
      var p = document.createElement('p');
      p.className = 'notice';
      var a = document.createElement('a');
      a.href = location.pathname;
      a.textContent = 'This incident changed: reload to see it.';
      p.appendChild(a);
      box.appendChild(p);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var live = document.getElementById('incident-live');
    if (live) { liveIncident(live); }
    var table = document.getElementById('incidents');
    if (table) { liveList(table); }
    var box = document.getElementById('command-outcome');
    if (box && box.getAttribute('data-command')) { commandOutcome(box); }
  });
})();

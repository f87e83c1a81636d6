// NAJM operator displays inside the Yamcs web UI (a yamcs-web extension, docs/displays.md).
//
// Two custom elements:
//  - <najm-web>: yamcs-web starts one element per plugin, named after it; ours adds the navigation entry.
//  - <najm-fleet>: the page at /ext/najm-fleet?c=<instance>, with sub-pages contacts/<spacecraft> and science.
// Live values come over the web UI's own WebSocket (parameters, alarms, links, time subscriptions of
// every instance); NAJM's figures (automation, contacts, reports, accountability, held commands) from
// its HTTP API, through the web UI's client, so the page has the same login and permissions.

const PARAMS = ['mode', 'battery_soc', 'battery_voltage', 'science_store_fill', 'hk_store_fill'];
const SEVERITY = ['WATCH', 'WARNING', 'DISTRESS', 'CRITICAL', 'SEVERE'];
const STORE_SIZE = { science_store_fill: 64 * 1024 * 1024, hk_store_fill: 8 * 1024 * 1024 }; // ICD §5
const STRIP_BEFORE_MS = 60 * 60 * 1000;
const STRIP_AFTER_MS = 12 * 60 * 60 * 1000;
const REST_REFRESH_MS = 3000;
const HELD_REFRESH_MS = 1000; // a held command expires in minutes (seconds in the tests): list it at once

/** An element's service arrives as a property, possibly before the element is upgraded: take it either way. */
function takeOwnProperty(el, name) {
  if (Object.prototype.hasOwnProperty.call(el, name)) {
    const value = el[name];
    delete el[name];
    el[name] = value;
  }
}

class NajmWeb extends HTMLElement {
  connectedCallback() {
    takeOwnProperty(this, 'extensionService');
  }

  set extensionService(service) {
    if (service && !this.added) {
      this.added = true;
      service.addNavItem('archive', { path: 'ext/najm-fleet', label: 'Fleet overview', icon: 'satellite_alt' });
    }
  }
}

function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function valueOf(v) {
  if (!v) {
    return undefined;
  }
  for (const k of Object.keys(v)) {
    if (k !== 'type' && k.endsWith('Value')) {
      return v[k];
    }
  }
  return undefined;
}

function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(sec).padStart(2, '0')}s`;
}

function hhmm(t) {
  return new Date(t).toISOString().substring(11, 16);
}

function utc(t) {
  return t ? new Date(t).toISOString().replace('T', ' ').substring(0, 19) : '—';
}

function contactKey(spacecraft, station, aos) {
  return `${spacecraft}|${station}|${new Date(aos).getTime()}`;
}

class NajmFleet extends HTMLElement {
  constructor() {
    super();
    this.state = {};
    this.calls = [];
    this.timers = [];
    this.missionTime = Date.now();
    this.missionTimeAt = performance.now();
    this.contacts = [];
    this.reports = new Map();
    this.automation = new Map();
    this.accountability = new Map();
    this.science = new Map();
    this.held = [];
    this.rights = null;
    this.messages = new Map();
  }

  connectedCallback() {
    takeOwnProperty(this, 'extensionService');
    takeOwnProperty(this, 'subroute');
    this.classList.add('najm');
    this.started = true;
    this.start();
  }

  disconnectedCallback() {
    this.calls.forEach((c) => c.cancel && c.cancel());
    this.timers.forEach((t) => clearInterval(t));
    this.calls = [];
    this.timers = [];
  }

  set extensionService(service) {
    this._service = service;
    this.start();
  }

  get extensionService() {
    return this._service;
  }

  set subroute(subroute) {
    this._subroute = subroute || '';
    if (this.ready) {
      this.render();
    }
  }

  get subroute() {
    return this._subroute || '';
  }

  get client() {
    return this._service.yamcs.yamcsClient;
  }

  /** What WebDisplaysPlugin passed to addExtension: yamcs-web writes it into the page as 'appConfig'. */
  get config() {
    return JSON.parse(document.getElementById('appConfig').textContent).extra['najm-fleet'];
  }

  get context() {
    return this._service.yamcs.context;
  }

  /** Mission time now, from the last time update and the browser's clock in between. */
  now() {
    return this.missionTime + (performance.now() - this.missionTimeAt) * (this.rate || 1);
  }

  async start() {
    if (!this._service || !this.started || this.ready) {
      return;
    }
    this.ready = true;
    this.spacecraft = this.config.spacecraft;
    this.stations = this.config.stations;
    for (const sc of this.spacecraft) {
      this.state[sc.name] = { values: {}, alarms: new Map(), contactStation: null, contactSince: null };
    }
    // Mission time as the web UI knows it now; the time subscription keeps it up to date.
    const known = Date.parse(this._service.yamcs.getMissionTime?.() || '');
    if (!Number.isNaN(known)) {
      this.missionTime = known;
      this.missionTimeAt = performance.now();
    }
    // The cards at once, filled in as the WebSocket and each API answer arrive.
    this.render();
    this.subscribe();
    await Promise.allSettled([
      this.fetchRights().then(() => this.render()),
      this.refresh().then(() => this.render()),
      this.fetchContacts().then(() => this.renderStrip()),
    ]);
    this.render();
    this.dataset.loaded = 'true';
    performance.mark('najm-fleet-loaded'); // the benchmark's "opened" (bench/FleetOverviewBench)
    this.timers.push(setInterval(() => this.refresh().then(() => this.render()), REST_REFRESH_MS));
    this.timers.push(setInterval(() => this.fetchContacts().then(() => this.render()), 30000));
    this.timers.push(setInterval(() => this.refreshHeld(), HELD_REFRESH_MS));
    this.timers.push(setInterval(() => this.tick(), 1000));
  }

  subscribe() {
    const first = this.spacecraft[0].instance;
    this.calls.push(this.client.createTimeSubscription({ instance: first }, (t) => {
      const at = performance.now();
      const value = new Date(t.value).getTime();
      if (this.lastTime !== undefined && at > this.lastTimeAt) {
        this.rate = Math.max(0.01, (value - this.lastTime) / (at - this.lastTimeAt));
      }
      this.lastTime = value;
      this.lastTimeAt = at;
      this.missionTime = value;
      this.missionTimeAt = at;
    }));
    for (const sc of this.spacecraft) {
      const ids = PARAMS.map((p) => ({ name: `/NAJM/${p}` }));
      const mapping = {};
      this.calls.push(this.client.createParameterSubscription({
        instance: sc.instance, processor: 'realtime', id: ids, abortOnInvalid: false,
        sendFromCache: true, updateOnExpiration: true, action: 'REPLACE',
      }, (data) => {
        Object.assign(mapping, data.mapping || {});
        for (const pval of data.values || []) {
          const id = mapping[pval.numericId] || pval.id;
          if (id) {
            this.onValue(sc, id.name.substring('/NAJM/'.length), pval);
          }
        }
      }));
      this.calls.push(this.client.createAlarmSubscription({ instance: sc.instance, processor: 'realtime' },
        (alarm) => this.onAlarm(sc, alarm)));
      this.calls.push(this.client.createLinkSubscription({ instance: sc.instance },
        (evt) => this.onLinks(sc, evt.links || [])));
    }
  }

  onValue(sc, name, pval) {
    const received = performance.now();
    this.state[sc.name].values[name] = pval;
    const el = this.querySelector(`[data-spacecraft="${sc.name}"] [data-param="${name}"]`);
    if (el) {
      this.paint(el, sc, name, pval);
      this.markFirstValue();
      // For the benchmark (it drains them): when the browser showed the value of which reception time.
      window.najmUpdates = window.najmUpdates || [];
      if (window.najmUpdates.length < 20000) {
        window.najmUpdates.push({ sc: sc.name, name, generationTime: pval.generationTime,
          acquisitionTime: pval.acquisitionTime, received, painted: performance.now(),
          epochPainted: performance.timeOrigin + performance.now() });
      }
    }
  }

  /** The benchmark's "first live value shown" (bench/FleetOverviewBench). */
  markFirstValue() {
    if (!this.firstValueMarked) {
      this.firstValueMarked = true;
      performance.mark('najm-fleet-first-value');
    }
  }

  onAlarm(sc, alarm) {
    const alarms = this.state[sc.name].alarms;
    const name = alarm.id?.name;
    if (!name) {
      return;
    }
    if (['CLEARED', 'RESET'].includes(alarm.notificationType)) {
      alarms.delete(name);
    } else {
      alarms.set(name, alarm);
    }
    this.renderCard(sc);
  }

  onLinks(sc, links) {
    const tm = links.find((l) => l.name === 'TM');
    if (!tm) {
      return;
    }
    const m = /In contact through (\S+)/.exec(tm.detailedStatus || '');
    const st = this.state[sc.name];
    const station = m ? m[1] : null;
    if (station !== st.contactStation) {
      st.contactStation = station;
      st.contactSeen = station ? this.now() : null;
      this.renderCard(sc);
      this.renderStrip();
    }
  }

  /** NAJM's HTTP API through the web UI's client (its token); headers must be a Headers for it to add one. */
  async api(path, init = {}) {
    const headers = new Headers(init.headers || {});
    const response = await this.client.doFetch(`${this.client.apiUrl}${path}`, { ...init, headers });
    return response.json();
  }

  async fetchRights() {
    try {
      this.rights = await this.api('/najm/my-rights');
    } catch (e) {
      this.rights = { user: '?', commands: [], confirms: [] };
    }
    this.rights.commands = this.rights.commands || [];
    this.rights.confirms = this.rights.confirms || [];
  }

  async fetchContacts() {
    const now = this.now();
    const start = new Date(now - 24 * 3600 * 1000).toISOString();
    const stop = new Date(now + 13 * 3600 * 1000).toISOString();
    try {
      const res = await this.api(`/najm/contacts?start=${start}&stop=${stop}`);
      this.contacts = (res.contacts || []).map((c) => ({ ...c, aosMs: new Date(c.aos).getTime(),
        losMs: new Date(c.los).getTime() }));
      this.contactsDown = null;
      this.contactsCopy = false;
    } catch (e) {
      // e.g. 503 on a partner site cut off from the MOC: its timeline keeps the last copy of the MOC's plan
      this.contacts = e.statusCode === 503 ? await this.contactsFromTimeline(start, stop) : [];
      this.contactsCopy = this.contacts.length > 0;
      this.contactsDown = e.statusCode === 503 ? 'Contact plan not available now (the MOC cannot be reached)'
        : 'Contact plan could not be read';
    }
  }

  /** The contacts of the instances' timelines (on a site, the copy of the MOC's: MocTimelineMirror). */
  async contactsFromTimeline(start, stop) {
    const contacts = [];
    for (const sc of this.spacecraft) {
      try {
        const r = await this.api(`/timeline/${sc.instance}/items?source=rdb&start=${start}&stop=${stop}&limit=500`);
        for (const it of r.items || []) {
          const p = it.properties || {};
          if ((it.tags || []).includes('contact') && p.aos && p.los) {
            contacts.push({ spacecraft: p.spacecraft, station: p.station, aos: p.aos, los: p.los,
              aosMs: new Date(p.aos).getTime(), losMs: new Date(p.los).getTime() });
          }
        }
      } catch (e) {
        // that instance's timeline cannot be read: its contacts are left out
      }
    }
    return contacts;
  }

  async refresh() {
    const jobs = [
      this.api('/najm/automation').then((r) => {
        this.automationDown = null;
        (r.spacecraft || []).forEach((a) => this.automation.set(a.spacecraft, a));
      }, (e) => {
        // a partner site shows the MOC's automation: a 503 there is the MOC out of reach
        this.automationDown = e.statusCode !== 503 ? 'unknown'
          : this.site ? 'not known (the MOC cannot be reached)' : 'not running';
      }),
      this.api('/najm/accountability').then((r) => {
        (r.spacecraft || []).forEach((a) => this.accountability.set(a.spacecraft, a));
      }),
      this.api('/najm/science').then((r) => {
        this.outbox = r.outbox;
        (r.spacecraft || []).forEach((a) => this.science.set(a.spacecraft, a));
      }),
      this.api('/najm/contact-reports?limit=200').then((r) => {
        this.reports.clear();
        (r.reports || []).forEach((rep) => this.reports.set(
          contactKey(rep.spacecraft, rep.station, rep.plannedAos), rep));
      }),
      this.fetchHeld(),
      this.fetchSite(),
    ];
    await Promise.allSettled(jobs);
  }

  /** On a partner site (docs/sites.md), its link to the MOC and the fill; the MOC answers 404 once, then never asked. */
  async fetchSite() {
    if (this.notSite) {
      return;
    }
    try {
      this.site = await this.api('/najm/site');
    } catch (e) {
      this.site = null;
      this.notSite = e.statusCode === 404;
    }
  }

  async fetchHeld() {
    const r = await this.api('/najm/held-commands');
    this.held = r.commands || [];
  }

  async refreshHeld() {
    const before = JSON.stringify(this.held);
    try {
      await this.fetchHeld();
    } catch (e) {
      return;
    }
    if (JSON.stringify(this.held) !== before) {
      this.renderHeld();
    }
  }

  runningContact(spacecraft, station) {
    const now = this.now();
    return this.contacts.find((c) => c.spacecraft === spacecraft && (!station || c.station === station)
      && c.aosMs <= now && now < c.losMs);
  }

  nextContact(spacecraft) {
    const now = this.now();
    return this.contacts.filter((c) => c.spacecraft === spacecraft && c.aosMs > now)
      .sort((a, b) => a.aosMs - b.aosMs)[0];
  }

  mayCommand(scName) {
    return this.rights && this.rights.commands.includes(scName);
  }

  mayConfirm(scName) {
    return this.rights && this.rights.confirms.includes(scName);
  }

  // ---------------------------------------------------------------- rendering

  render() {
    const sub = this.subroute.split('/').filter((s) => s);
    if (!this.querySelector('.najm-page')) {
      this.innerHTML = '<div class="najm-page"></div>';
    }
    const page = this.querySelector('.najm-page');
    if (sub[0] === 'contacts' && sub[1]) {
      page.innerHTML = this.header('Contacts of ' + sub[1]) + this.contactsTable(sub[1]);
    } else if (sub[0] === 'science') {
      page.innerHTML = this.header('Science') + this.scienceTables();
    } else {
      if (!page.querySelector('.najm-fleet')) {
        page.innerHTML = this.header('Fleet overview') + '<div class="najm-site" hidden></div>'
          + '<div class="najm-fleet"></div>'
          + '<h3 class="najm-h3">Contact plan, next 12 hours</h3><div class="najm-strip"></div>'
          + '<h3 class="najm-h3">Held critical commands (two-person rule)</h3><div class="najm-held"></div>';
        const fleet = page.querySelector('.najm-fleet');
        fleet.innerHTML = this.spacecraft.map((sc) =>
          `<section class="najm-card" data-spacecraft="${esc(sc.name)}"></section>`).join('');
      }
      this.spacecraft.forEach((sc) => this.renderCard(sc));
      this.renderSite();
      this.renderStrip();
      this.renderHeld();
    }
    this.renderHeader();
  }

  /** A link into the web UI; the context names the processor too, which the Displays page needs. */
  link(path, label, cls, instance) {
    const c = encodeURIComponent(`${instance || this._service.yamcs.instance || this.spacecraft[0].instance}__realtime`);
    return `<a class="${cls || ''}" href="${path}?c=${c}">${esc(label)}</a>`;
  }

  header(title) {
    return `<header class="najm-header"><h2>${esc(title)}</h2><nav class="najm-tabs">
      ${this.link('/ext/najm-fleet', 'Fleet')}
      ${this.link('/ext/najm-fleet/science', 'Science')}
      ${this.spacecraft.map((sc) => this.link(`/ext/najm-fleet/contacts/${sc.name}`, `${sc.name} contacts`)).join('')}
      </nav><div class="najm-whoami"></div><div class="najm-clock"></div></header>`;
  }

  renderHeader() {
    const who = this.querySelector('.najm-whoami');
    if (who && this.rights) {
      const r = this.rights;
      let role = 'read-only';
      if (r.confirms.length) {
        role = `lead, ${r.partnerName || r.partner}`;
      } else if (r.commands.length) {
        role = `operator, ${r.partnerName || r.partner}`;
      }
      who.innerHTML = `<span class="najm-user">${esc(r.user)}</span> <span class="najm-role">${esc(role)}</span>`;
      who.dataset.role = r.confirms.length ? 'lead' : r.commands.length ? 'operator' : 'read-only';
    }
    this.tick();
    this.routeLinks(this);
  }

  /** Links inside the web UI go through its router: no page reload, the WebSocket stays. */
  routeLinks(root) {
    root.querySelectorAll('a[href^="/"]').forEach((a) => {
      a.onclick = (e) => {
        e.preventDefault();
        this._service.router.navigateByUrl(a.getAttribute('href'));
      };
    });
  }

  tick() {
    const clock = this.querySelector('.najm-clock');
    if (clock) {
      clock.textContent = `mission time ${utc(this.now())} UTC`;
    }
    this.querySelectorAll('[data-countdown]').forEach((el) => {
      el.textContent = duration(Number(el.dataset.countdown) - this.now());
    });
    this.querySelectorAll('[data-expires]').forEach((el) => {
      el.textContent = duration(new Date(el.dataset.expires).getTime() - Date.now());
    });
  }

  paint(el, sc, name, pval) {
    const v = valueOf(pval.engValue);
    let text;
    if (v === undefined) {
      text = '—';
    } else if (name === 'battery_voltage') {
      text = Number(v).toFixed(2) + ' V';
    } else if (name === 'battery_soc') {
      text = Math.round(Number(v)) + ' %';
      const bar = el.parentElement.querySelector('.najm-bar > i');
      if (bar) {
        bar.style.width = Math.max(0, Math.min(100, Number(v))) + '%';
      }
    } else if (name in STORE_SIZE) {
      const pct = 100 * Number(v) / STORE_SIZE[name];
      text = `${(Number(v) / 1048576).toFixed(1)} MiB (${pct.toFixed(1)} %)`;
    } else {
      text = String(v);
    }
    el.textContent = text;
    el.dataset.value = v === undefined ? '' : String(v);
    el.dataset.generationTime = pval.generationTime || '';
    el.dataset.alarm = pval.monitoringResult || 'IN_LIMITS';
    el.classList.toggle('najm-expired', pval.acquisitionStatus === 'EXPIRED');
    if (name === 'mode') {
      el.className = `najm-mode najm-mode-${esc(v)}`;
    }
  }

  worstAlarm(scName) {
    let worst = null;
    for (const a of this.state[scName].alarms.values()) {
      if (!worst || SEVERITY.indexOf(a.severity) > SEVERITY.indexOf(worst.severity)) {
        worst = a;
      }
    }
    return worst;
  }

  renderCard(sc) {
    const card = this.querySelector(`.najm-card[data-spacecraft="${sc.name}"]`);
    if (!card) {
      return;
    }
    const st = this.state[sc.name];
    const alarm = this.worstAlarm(sc.name);
    const auto = this.automation.get(sc.name);
    const acc = this.accountability.get(sc.name);
    const sci = this.science.get(sc.name);
    let contact;
    if (st.contactStation) {
      // Since the planned contact's start; when the plan does not know it, since the page saw it begin.
      const since = this.runningContact(sc.name, st.contactStation)?.aosMs ?? st.contactSeen;
      contact = `<span class="najm-live">● In contact</span> through <b>${esc(st.contactStation)}</b>
        since ${hhmm(since)}`;
    } else {
      const next = this.nextContact(sc.name);
      contact = next ? `Next: <b>${esc(next.station)}</b> in <span data-countdown="${next.aosMs}"></span>
        (${hhmm(next.aosMs)})` : (this.contactsDown || 'No contact planned');
    }
    const outstanding = acc ? Number(acc.awaitingDownlink || 0) + Number(acc.awaitingTracklet || 0)
      + Number(acc.awaitingArchive || 0) : (sci ? Number(sci.submissionsQueued || 0) : undefined);
    const own = this.mayCommand(sc.name);
    const paused = auto && auto.state === 'PAUSED';
    // Controls only for the spacecraft the user commands; the server refuses anyone else anyway. A partner site
    // shows the MOC's automation and does not change it (docs/sites.md).
    const control = own && auto && !this.site
      ? `<button class="najm-btn" data-action="${paused ? 'resume' : 'pause'}">${paused ? 'Resume' : 'Pause'}
         automation</button>` : '';
    const command = own ? this.link('/commanding/send', 'Command', 'najm-command', sc.instance) : '';
    const displays = `/telemetry/displays/files/najm-overview.opi?c=${encodeURIComponent(sc.instance)}__realtime`;
    card.dataset.alarm = alarm ? alarm.severity : 'NONE';
    card.dataset.contact = st.contactStation || '';
    card.innerHTML = `
      <div class="najm-card-head">
        <a class="najm-sc" href="${displays}" data-detail="${esc(sc.instance)}">${esc(sc.name)}</a>
        <span class="najm-partner">${esc(sc.partnerName)}</span>
        <span data-param="mode" class="najm-mode">—</span>
      </div>
      <div class="najm-row"><label>Battery</label>
        <span class="najm-bar"><i></i></span><span data-param="battery_soc">—</span>
        <span data-param="battery_voltage">—</span></div>
      <div class="najm-row"><label>Alarm</label>
        <span class="najm-alarm" data-field="alarm" data-severity="${alarm ? alarm.severity : 'NONE'}">
        ${alarm ? `${esc(alarm.severity)} ${esc(alarm.id.name.replace('/NAJM/', ''))}` : 'none'}</span></div>
      <div class="najm-row"><label>Link</label><span data-field="contact">${contact}</span></div>
      <div class="najm-row"><label>Science store</label><span data-param="science_store_fill">—</span></div>
      <div class="najm-row"><label>HK store</label><span data-param="hk_store_fill">—</span></div>
      <div class="najm-row"><label>Automation</label><span data-field="automation"
        title="${esc(auto?.activity)}">${auto ? esc(auto.state) + (paused && auto.pausedBy ? ' by '
        + esc(auto.pausedBy) : '') : esc(this.automationDown || '—')}</span>${control}</div>
      <div class="najm-row"><label>Science</label><span data-field="outstanding">${outstanding === undefined
        ? '—' : `${outstanding} detections outstanding`}</span></div>
      <div class="najm-row"><label>NEO fast lane</label><span data-field="neo"
        title="Tracklets whose NEO score reached the threshold: sent at once, each in its own submission">${acc
        ? `${Number(acc.fastLaneTracklets || 0)} sent, ${Number(acc.fastLaneAcknowledged || 0)} acknowledged`
        : '—'}</span></div>
      <div class="najm-row najm-links">
        <a href="${displays}" data-field="detail">Display</a>
        ${this.link(`/ext/najm-fleet/contacts/${sc.name}`, 'Contacts')}
        ${command}
      </div>
      <div class="najm-msg" data-field="message">${esc(this.messages.get(sc.name) || '')}</div>`;
    for (const name of PARAMS) {
      const el = card.querySelector(`[data-param="${name}"]`);
      const pval = st.values[name];
      if (el && pval) {
        this.paint(el, sc, name, pval);
        this.markFirstValue();
      }
    }
    const btn = card.querySelector('button[data-action]');
    if (btn) {
      btn.onclick = () => this.automationAction(sc, btn.dataset.action);
    }
    this.routeLinks(card);
    this.tick();
  }

  async automationAction(sc, action) {
    try {
      await this.api(`/najm/automation/${sc.name}:${action}`, { method: 'POST' });
      this.messages.delete(sc.name);
    } catch (e) {
      this.messages.set(sc.name, `Refused: ${e.message || e.statusText || e}`);
    }
    await this.refresh();
    this.renderCard(sc);
  }

  renderStrip() {
    const strip = this.querySelector('.najm-strip');
    if (!strip) {
      return;
    }
    const now = this.now();
    const from = now - STRIP_BEFORE_MS;
    const to = now + STRIP_AFTER_MS;
    const x = (t) => (100 * (t - from) / (to - from)).toFixed(3);
    let ticks = '';
    for (let h = Math.ceil(from / 3600000) * 3600000; h < to; h += 3600000) {
      ticks += `<span class="najm-tick" style="left:${x(h)}%">${hhmm(h)}</span>`;
    }
    const lanes = this.stations.map((station) => {
      const items = this.contacts.filter((c) => c.station === station && c.losMs > from && c.aosMs < to)
        .map((c) => {
          const report = this.reports.get(contactKey(c.spacecraft, c.station, c.aos));
          const running = c.aosMs <= now && now < c.losMs;
          const state = report ? report.outcome : running ? 'RUNNING' : c.losMs <= now ? 'PAST' : 'PLANNED';
          const left = x(Math.max(c.aosMs, from));
          const width = Math.max(0.15, x(Math.min(c.losMs, to)) - left);
          const title = `${c.spacecraft} at ${c.station} ${utc(c.aosMs)} – ${hhmm(c.losMs)} UTC`
            + (report ? `: ${report.outcome} ${report.reason || ''}` : '');
          return `<span class="najm-contact najm-${state}" style="left:${left}%;width:${width}%"
            data-contact="${esc(c.spacecraft)}|${esc(c.station)}|${esc(c.aos)}" data-state="${state}"
            title="${esc(title)}">${esc(c.spacecraft.replace('NAJM-', 'N'))}</span>`;
        }).join('');
      return `<div class="najm-lane"><label>${esc(station)}</label><div class="najm-track">${items}</div></div>`;
    }).join('');
    const frac = (now - from) / (to - from);
    strip.innerHTML = `<div class="najm-lanes">${lanes}
      <div class="najm-axis"><label></label><div class="najm-track">${ticks}</div></div>
      <span class="najm-now" style="left:calc(118px + (100% - 126px) * ${frac.toFixed(4)})">now</span></div>
      <div class="najm-legend"><span class="najm-contact najm-PLANNED">planned</span>
      <span class="najm-contact najm-RUNNING">running</span><span class="najm-contact najm-COMPLETE">complete</span>
      <span class="najm-contact najm-PARTIAL">partial</span><span class="najm-contact najm-FAILED">failed</span>
      <span class="najm-contact najm-MISSED">missed</span><span class="najm-contact najm-SKIPPED">skipped</span>
      <span class="najm-contact najm-PAST">past, no report</span></div>${this.contactsCopy ? `<div
      class="najm-site-down">The MOC cannot be reached: the plan as this site last copied it (timeline).</div>` : ''}`;
  }

  /** A partner site's banner: cut off from the MOC or not, and what has been filled back from it. */
  renderSite() {
    const box = this.querySelector('.najm-site');
    if (!box || !this.site) {
      return;
    }
    const all = this.site.spacecraft || [];
    const sum = (k) => all.reduce((a, x) => a + Number(x[k] || 0), 0);
    const down = all.filter((x) => !x.connected);
    const link = down.length
      ? `<span class="najm-site-down">Cut off from the MOC: ${down.map((x) => `${esc(x.spacecraft)} since `
        + `${esc(utc(x.disconnectedSince))}`).join(', ')}. Shown: what this site received until then.</span>`
      : '<span class="najm-site-up">Connected to the MOC.</span>';
    const until = all.map((x) => x.historyFilledUntil).filter(Boolean).sort()[0];
    const errors = all.filter((x) => x.fillError).map((x) => `${esc(x.spacecraft)}: ${esc(x.fillError)}`);
    box.hidden = false;
    box.dataset.connected = down.length ? 'false' : 'true';
    box.innerHTML = `<b>${esc(this.site.partner)}'s site</b>, from the MOC at ${esc(this.site.mocUrl)}. ${link}
      Filled back from the MOC's archive since this server started: ${sum('packetsFilled')} packets,
      ${sum('eventsFilled')} events, ${sum('commandsFilled')} commands${all.some((x) => x.filling) ? ' (filling now)'
    : ''}; events and command history complete to ${esc(utc(until))}.${errors.length
    ? ` <span class="najm-site-down">Fill failing: ${errors.join('; ')}</span>` : ''}`;
  }

  renderHeld() {
    const box = this.querySelector('.najm-held');
    if (!box) {
      return;
    }
    if (!this.held.length) {
      box.innerHTML = `<div class="najm-empty">No command is waiting for confirmation.</div>${this.heldMessage()}`;
      return;
    }
    const rows = this.held.map((h) => {
      const lead = this.mayConfirm(h.spacecraft);
      const actions = lead ? `<button class="najm-btn najm-confirm" data-confirm="${esc(h.id)}">Confirm</button>
        <button class="najm-btn najm-cancel" data-cancel="${esc(h.id)}">Cancel</button>`
        : '<span class="najm-ro">read-only</span>';
      return `<tr data-held="${esc(h.id)}"><td>${esc(h.spacecraft)}</td><td>${esc(h.command)}</td>
        <td>${esc(h.issuer)}</td><td>${utc(h.issued)}</td><td data-expires="${esc(h.deadline)}"></td>
        <td>${actions}</td></tr>`;
    }).join('');
    box.innerHTML = `<table class="najm-table"><thead><tr><th>Spacecraft</th><th>Command</th><th>Issued by</th>
      <th>Issued (UTC, wall clock)</th><th>Expires in</th><th></th></tr></thead><tbody>${rows}</tbody></table>
      ${this.heldMessage()}`;
    box.querySelectorAll('button[data-confirm]').forEach((b) => {
      b.onclick = () => this.heldAction('confirm', b.dataset.confirm);
    });
    box.querySelectorAll('button[data-cancel]').forEach((b) => {
      b.onclick = () => this.heldAction('cancel', b.dataset.cancel);
    });
    this.tick();
  }

  heldMessage() {
    const m = this.heldResult;
    return m ? `<div class="najm-held-result najm-${m.ok ? 'ok' : 'refused'}" data-field="held-result">
      ${esc(m.text)}</div>` : '';
  }

  async heldAction(action, id) {
    try {
      const h = await this.api(`/najm/held-commands:${action}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id }),
      });
      this.heldResult = { ok: true, text: `${action === 'confirm' ? 'Confirmed and released' : 'Cancelled'}:`
        + ` ${h.command} to ${h.spacecraft} (issued by ${h.issuer})` };
    } catch (e) {
      this.heldResult = { ok: false, text: `Refused: ${e.message || e.statusText || e}` };
    }
    await this.refresh();
    this.renderHeld();
  }

  contactsTable(scName) {
    const rows = this.contacts.filter((c) => c.spacecraft === scName).sort((a, b) => a.aosMs - b.aosMs)
      .map((c) => {
        const r = this.reports.get(contactKey(c.spacecraft, c.station, c.aos));
        const now = this.now();
        const state = r ? r.outcome : c.aosMs <= now && now < c.losMs ? 'RUNNING'
          : c.losMs <= now ? 'PAST' : 'PLANNED';
        return `<tr data-contact-row="${esc(c.station)}|${esc(c.aos)}"><td>${utc(c.aosMs)}</td>
          <td>${utc(c.losMs)}</td><td>${esc(c.station)}</td><td>${Number(c.maxElevation || 0).toFixed(1)}°</td>
          <td><span class="najm-contact najm-${state} najm-inline">${esc(state)}</span></td>
          <td>${r ? utc(r.aos) : ''}</td><td>${r ? utc(r.los) : ''}</td>
          <td>${r && r.frames ? esc(r.frames.received) : ''}</td><td>${esc(r ? r.reason : '')}</td></tr>`;
      }).join('');
    return `<table class="najm-table"><thead><tr><th>Planned AOS (UTC)</th><th>Planned LOS</th><th>Station</th>
      <th>Max el.</th><th>Outcome</th><th>AOS</th><th>LOS</th><th>Frames</th><th>Reason</th></tr></thead>
      <tbody>${rows || '<tr><td colspan="9">No contacts planned in the last 24 h or the next 13 h</td></tr>'}
      </tbody></table>`;
  }

  scienceTables() {
    const num = (v) => (v === undefined || v === null ? '0' : esc(v));
    const age = (s) => (s ? duration(Number(s) * 1000) : '—');
    const acc = this.spacecraft.map((sc) => {
      const a = this.accountability.get(sc.name) || {};
      return `<tr data-science="${esc(sc.name)}"><td>${esc(sc.name)}</td><td>${num(a.madeOnboard)}</td>
        <td>${num(a.receivedOnGround)}</td><td>${num(a.inAdes)}</td><td>${num(a.acknowledged)}</td>
        <td>${num(a.freedOnboard)}</td><td>${num(a.awaitingDownlink)} (${age(a.oldestAwaitingDownlinkSeconds)})</td>
        <td>${num(a.awaitingTracklet)}</td><td>${num(a.awaitingArchive)}</td><td>${num(a.notAccounted)}</td></tr>`;
    }).join('');
    const sci = this.spacecraft.map((sc) => {
      const s = this.science.get(sc.name) || {};
      return `<tr><td>${esc(sc.name)}</td><td>${num(s.detectionsReceived)}</td><td>${num(s.trackletsComplete)}</td>
        <td>${num(s.trackletsIncomplete)}</td><td>${num(s.submissionsQueued)}</td>
        <td>${num(s.submissionsDelivered)}</td><td>${num(s.submissionsInvalid)}</td>
        <td>${num(s.fastLane?.queued)} (p50 ${s.fastLane?.latencyP50Seconds !== undefined
    ? esc(s.fastLane.latencyP50Seconds) + ' s' : '—'})</td></tr>`;
    }).join('');
    const o = this.outbox || {};
    return `<h3 class="najm-h3">Accountability: every detection from the telescope to the archive</h3>
      <table class="najm-table"><thead><tr><th>Spacecraft</th><th>Made onboard</th><th>Received</th><th>In ADES</th>
      <th>Acknowledged</th><th>Freed onboard</th><th>Awaiting downlink (oldest)</th><th>Awaiting tracklet</th>
      <th>Awaiting archive</th><th>Not accounted</th></tr></thead><tbody>${acc}</tbody></table>
      <h3 class="najm-h3">Science pipeline</h3>
      <table class="najm-table"><thead><tr><th>Spacecraft</th><th>Detections received</th><th>Tracklets complete</th>
      <th>Incomplete</th><th>Submissions queued</th><th>Delivered</th><th>Invalid</th>
      <th>NEO fast lane (latency to acknowledgement)</th></tr></thead>
      <tbody>${sci}</tbody></table>
      <p class="najm-note">Outbox: ${num(o.pending)} pending, ${num(o.delivered)} delivered, ${num(o.rejected)}
      rejected, ${num(o.invalid)} invalid${o.lastFailure ? `; last failure: ${esc(o.lastFailure)}` : ''}.</p>`;
  }
}

if (!customElements.get('najm-web')) {
  customElements.define('najm-web', NajmWeb);
}
if (!customElements.get('najm-fleet')) {
  customElements.define('najm-fleet', NajmFleet);
}

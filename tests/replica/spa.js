// The replica's single-page app: walks the booking wizard like the real page, with the same XHRs in order.
/* global window, document, XMLHttpRequest, Node */
(() => {
  'use strict';

  const TEXTS = {
    fr: {
      locale: 'fr-FR',
      loading: 'Chargement…',
      welcome: 'Bienvenue',
      welcomeIntro: 'sur le service de prise de rendez-vous auprès des services consulaires français',
      welcomeNote:
        'Vous pouvez prendre rendez-vous pour plusieurs services et pour les membres de votre famille en une seule fois.',
      access: 'Accéder aux services',
      human: 'Vérifiez que vous êtes humain',
      humanDone: 'Réussi !',
      servicesTitle: 'Pour quels services souhaitez-vous prendre rendez-vous ?',
      confirm: 'Confirmer',
      infoTitle: 'Informations importantes',
      infoText:
        "Avant de prendre rendez-vous, assurez-vous d'être en possession de TOUS les justificatifs requis…",
      readInfo: "J'ai bien lu l'ensemble des informations disponibles sur le site du Consulat",
      book: 'Prendre rendez-vous',
      extraTitle: 'Questionnaire préalable',
      extraText: 'Merci de répondre à quelques questions avant de choisir votre créneau.',
      next: 'Continuer',
      slotsTitle: 'Créneaux',
      choose: 'Nous vous invitons à choisir la date qui vous convient.',
      tz: 'Les horaires affichés sont basés sur le fuseau horaire du consulat',
      places: 'places disponibles',
      noSlotDay: 'Aucune réservation disponible pour ce jour',
      noSlotLead:
        'Aucun rendez-vous n’est disponible pour le moment mais des créneaux vont être mis en ligne dans les jours à venir.',
      noSlotCard:
        'Malheureusement tous nos créneaux sont réservés, n’hésitez pas à revenir plus tard voir s’il y a des disponibilités.',
      prevMonth: 'Mois précédent',
      nextMonth: 'Mois suivant',
      validate: 'Valider le calendrier',
      expired: 'Votre session de réservation a expiré',
      expiredText: (minutes) =>
        `Vous avez dépassé la durée limite de ${minutes} minutes pour finaliser votre réservation.`,
      restart: 'Recommencer',
      error: 'Une erreur est survenue, veuillez réessayer ultérieurement',
      captchaFailed: 'La vérification a échoué, veuillez réessayer.',
    },
    en: {
      locale: 'en-GB',
      loading: 'Loading…',
      welcome: 'Welcome',
      welcomeIntro: 'to the appointment booking service of the French consular services',
      welcomeNote: 'You can book appointments for several services and for members of your family at once.',
      access: 'Access to services',
      human: 'Verify you are human',
      humanDone: 'Success!',
      servicesTitle: 'For which services do you want to make an appointment?',
      confirm: 'To confirm',
      infoTitle: 'Important information',
      infoText: 'Before making an appointment, make sure you have ALL the required documents…',
      readInfo: "I have read all the information available on the Consulate's website",
      book: 'Book an appointment',
      extraTitle: 'Preliminary questionnaire',
      extraText: 'Please answer a few questions before choosing your slot.',
      next: 'Continue',
      slotsTitle: 'Slots',
      choose: 'Please choose the date that suits you.',
      tz: "The times shown are based on the consulate's time zone",
      places: 'places available',
      noSlotDay: 'No appointment available for this day',
      noSlotLead:
        'No appointment is available at the moment but slots will be put online in the coming days.',
      noSlotCard:
        'Unfortunately all our slots are booked, feel free to come back later to see if there is availability.',
      prevMonth: 'Previous month',
      nextMonth: 'Next month',
      validate: 'Validate the calendar',
      expired: 'Your booking session has expired',
      expiredText: (minutes) =>
        `You have exceeded the ${minutes}-minute time limit to complete your booking.`,
      restart: 'Start again',
      error: 'An error has occurred, please try again later',
      captchaFailed: 'The check failed, please try again.',
    },
  };

  const nuxt = window.__NUXT__;
  const replica = window.__REPLICA__;
  const team = nuxt.data[0].publicTeam;
  const apiBase = nuxt.config.browserBaseURL;
  const T = TEXTS[replica.lang] || TEXTS.fr;
  const standaloneName = new URLSearchParams(window.location.search).get('name');
  // The 'renamed-classes' layout stands for a redesign: same texts, different markup hooks.
  const CLS =
    replica.layout === 'renamed-classes'
      ? {
          dayContainer: 'slot-day-panel',
          hour: 'slot-time-chip',
          lead: 'notice-empty fr-text',
          card: 'panel-empty',
        }
      : {
          dayContainer: 'd-slot-container',
          hour: 'btn-custom-slot-hour-only',
          lead: 'lead fr-text mt-4 mb-3 text-center',
          card: 'card',
        };

  const state = {
    appId: null,
    csrf: null,
    sessionId: null,
    captchaToken: null,
    service: null,
    pending: 0,
    holding: false,
    interval: null,
    excluded: new Set(),
    month: null,
    selectedDate: null,
  };

  // ---------- DOM helpers ----------
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (key === 'class') el.className = value;
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : String(child));
    }
    return el;
  }

  const root = document.getElementById('app');
  const busyHost = h('div', { id: 'replica-busy' });
  const alertHost = h('div', { id: 'replica-alert' });
  const content = h('section', { id: 'replica-step' });
  root.append(busyHost, alertHost, content);

  function show(...children) {
    content.replaceChildren(...children.flat());
  }

  function updateBusy() {
    const busy = state.pending > 0 || state.holding;
    const loader = busyHost.querySelector('.loader');
    if (busy && !loader)
      busyHost.append(h('div', { class: 'loader', role: 'progressbar', 'aria-label': T.loading }));
    if (!busy && loader) loader.remove();
  }

  function showError(text) {
    alertHost.replaceChildren(
      h('div', { class: 'fr-alert fr-alert--error', role: 'alert' }, h('p', {}, text || T.error)),
    );
  }

  function showExpired() {
    document.body.append(
      h(
        'div',
        {
          class: 'fr-modal fr-modal--opened',
          role: 'dialog',
          'aria-modal': 'true',
          'aria-labelledby': 'expired-title',
        },
        h(
          'div',
          { class: 'fr-modal__body' },
          h('h1', { id: 'expired-title', class: 'fr-modal__title' }, T.expired),
          h('p', {}, T.expiredText(replica.sessionMinutes)),
          h(
            'button',
            { type: 'button', class: 'fr-btn fr-btn--primary', onclick: () => window.location.reload() },
            T.restart,
          ),
        ),
      ),
    );
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  // ---------- API ----------
  class ApiError extends Error {
    constructor(response) {
      super(`HTTP ${response.status}`);
      this.response = response;
    }
  }

  function xhr(method, path, body) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open(method, apiBase + path);
      if (path !== '/handshake') {
        if (state.appId) request.setRequestHeader('x-gouv-app-id', state.appId);
        request.setRequestHeader('x-gouv-web', 'fr.gouv.consulat');
      }
      if ((method === 'POST' || method === 'PUT') && state.csrf)
        request.setRequestHeader('x-csrf-token', state.csrf);
      if (body !== undefined) request.setRequestHeader('content-type', 'application/json;charset=UTF-8');
      request.onload = () => {
        const text = request.responseText;
        let data = null;
        let parsed = true;
        if (method !== 'HEAD') {
          try {
            data = JSON.parse(text);
          } catch {
            parsed = false;
          }
        }
        const response = { status: request.status, data, header: (name) => request.getResponseHeader(name) };
        if (request.status >= 200 && request.status < 300 && parsed) resolve(response);
        else reject(new ApiError(response));
      };
      request.onerror = () => reject(new ApiError({ status: 0, data: null, header: () => null }));
      request.send(body === undefined ? null : JSON.stringify(body));
    });
  }

  async function call(method, path, body) {
    state.pending += 1;
    updateBusy();
    try {
      return await xhr(method, path, body);
    } finally {
      state.pending -= 1;
      updateBusy();
    }
  }

  function fail(error) {
    const response = error && error.response;
    if (response && response.status === 404 && response.data && response.data.message === 'SESSION_ERROR')
      showExpired();
    else if (response && response.data && response.data.message === 'CAPTCHA_FAILED')
      showError(T.captchaFailed);
    else showError(T.error);
  }

  const teamPath = `/team/${team._id}`;
  const sessionPath = () => `${teamPath}/reservations-session/${state.sessionId}`;

  const handshake = call('HEAD', '/handshake').then((response) => {
    state.appId = response.header('x-gouv-app-id');
    state.csrf = response.header(nuxt.config.handshakeHeader);
  });
  handshake.catch(fail);

  // ---------- Step 1: welcome + human check ----------
  function randomToken() {
    return Array.from({ length: 24 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
  }

  function mountCaptcha(holder, onToken) {
    holder.replaceChildren();
    state.captchaToken = null;
    if (replica.captcha === 'off') {
      onToken('');
      return;
    }
    const setToken = (token) => {
      state.captchaToken = token;
      holder.append(h('input', { type: 'hidden', name: 'cf-turnstile-response', value: token }));
      onToken(token);
    };
    if (replica.captcha === 'invisible') {
      setTimeout(() => setToken(`replica.invisible.${randomToken()}`), 300);
      return;
    }
    // Interactive: only a trusted (real) click or key press ticks it; the page never ticks it itself.
    const widget = h(
      'div',
      {
        class: 'replica-turnstile',
        role: 'checkbox',
        tabindex: '0',
        'aria-checked': 'false',
        'aria-label': T.human,
      },
      h('span', { class: 'box' }),
      h('span', { class: 'label' }, T.human),
    );
    const tick = (event) => {
      if (!event.isTrusted || widget.getAttribute('aria-checked') === 'true') return;
      if (event.type === 'keydown' && event.key !== ' ' && event.key !== 'Enter') return;
      widget.setAttribute('aria-checked', 'true');
      widget.querySelector('.label').textContent = T.humanDone;
      setToken(`replica.interactive.${randomToken()}`);
    };
    widget.addEventListener('click', tick);
    widget.addEventListener('keydown', tick);
    holder.append(widget);
  }

  function renderWelcome() {
    const holder = h('div', { id: 'turnstile-element' });
    const access = h(
      'button',
      {
        type: 'button',
        class: 'fr-btn fr-btn--primary',
        disabled: true,
        onclick: () => openSession(access, holder),
      },
      T.access,
    );
    show(h('h1', {}, T.welcome), h('p', {}, T.welcomeIntro), h('p', {}, T.welcomeNote), holder, access);
    mountCaptcha(holder, () => {
      access.disabled = false;
    });
  }

  async function openSession(button, holder) {
    button.disabled = true;
    alertHost.replaceChildren();
    try {
      await handshake;
      const response = await call('POST', `${teamPath}/reservations-session`, {
        standaloneServiceName: standaloneName,
        captcha: state.captchaToken || '',
      });
      state.sessionId = response.data._id;
      // The session answer rotates the handshake token; later POSTs must carry the new one.
      state.csrf = response.header('x-gouv-handshake') || state.csrf;
      renderServices();
    } catch (error) {
      fail(error);
      mountCaptcha(holder, () => {
        button.disabled = false;
      });
    }
  }

  // ---------- Step 2: services ----------
  function renderServices() {
    const open = team.reservations_shop_availabilty.filter((service) => service.is_open);
    const preset = open.find((service) => service.name === standaloneName);
    const listed = preset ? [preset] : open;
    state.service = preset || null;
    const confirm = h(
      'button',
      {
        type: 'button',
        class: 'fr-btn fr-btn--primary',
        disabled: !state.service,
        onclick: () => saveServices(confirm),
      },
      T.confirm,
    );
    const buttons = listed.map((service, index) => {
      const button = h(
        'button',
        {
          type: 'button',
          id: `service-${index}`,
          class: 'fr-btn fr-btn--secondary',
          'aria-pressed': String(service === state.service),
          onclick: () => {
            state.service = service;
            for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
            confirm.disabled = false;
          },
        },
        service.name,
      );
      return button;
    });
    show(h('h1', {}, T.servicesTitle), h('div', { class: 'services-list' }, buttons), confirm);
  }

  async function saveServices(button) {
    const service = state.service;
    button.disabled = true;
    try {
      await call('POST', `${sessionPath()}/update-step-value`, {
        key: 'servicesStep',
        value: {
          numberOfApplicants: 1,
          services: [{ _id: service._id, name: service.name, numberOfSlots: 1 }],
        },
        stepIndex: 1,
      });
      await call('POST', `${sessionPath()}/update-dynamic-steps`, {
        key: 'slotsSteps',
        steps: [
          {
            stepType: 'slotsStep',
            name: service.name,
            numberOfSlots: 1,
            dynamicStepIndex: 0,
            zone_id: service._id,
            value: {
              lastSelectedDate: '',
              label: service.name,
              accessibleCalendar: false,
              hasSwitchedCalendar: false,
              slots: {},
            },
          },
        ],
      });
      renderInformation();
    } catch (error) {
      button.disabled = false;
      fail(error);
    }
  }

  // ---------- Step 3: important information ----------
  function renderInformation() {
    const note = (state.service.note && (state.service.note[replica.lang] || state.service.note.fr)) || '';
    const book = h(
      'button',
      {
        type: 'button',
        class: 'fr-btn fr-btn--primary',
        disabled: true,
        onclick: () => saveInformation(book),
      },
      T.book,
    );
    const checkbox = h('input', {
      type: 'checkbox',
      id: 'readInformations',
      name: 'readInformations',
      onchange: () => {
        book.disabled = !checkbox.checked;
      },
    });
    show(
      h('h1', {}, T.infoTitle),
      h('p', {}, T.infoText),
      note ? h('p', { class: 'service-note' }, note) : null,
      h(
        'div',
        { class: 'fr-checkbox-group' },
        checkbox,
        h('label', { for: 'readInformations', class: 'fr-label' }, T.readInfo),
      ),
      book,
    );
  }

  async function saveInformation(button) {
    button.disabled = true;
    try {
      await call('POST', `${sessionPath()}/update-step-value`, {
        key: 'importantInformationStep',
        value: { readInformations: true },
        stepIndex: 2,
      });
      if (replica.layout === 'extra-step') renderExtraStep();
      else await loadCalendar();
    } catch (error) {
      button.disabled = false;
      fail(error);
    }
  }

  // ---------- 'extra-step' layout: a step the adapter does not know ----------
  function renderExtraStep() {
    show(
      h('h1', {}, T.extraTitle),
      h('p', {}, T.extraText),
      h(
        'button',
        { type: 'button', class: 'fr-btn fr-btn--primary', onclick: () => loadCalendar().catch(fail) },
        T.next,
      ),
    );
  }

  // ---------- Step 4: calendar ----------
  function splitDay(day) {
    return day.split('-').map(Number);
  }
  function addDays(day, days) {
    const [y, m, d] = splitDay(day);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  }
  function monthOf(day) {
    return day.slice(0, 7);
  }
  function addMonth(month, delta) {
    const [y, m] = splitDay(`${month}-01`);
    return new Date(Date.UTC(y, m - 1 + delta, 1)).toISOString().slice(0, 7);
  }
  // Dates are formatted as calendar days: UTC here is a neutral calendar, not an instant.
  function longDate(day) {
    const [y, m, d] = splitDay(day);
    return new Intl.DateTimeFormat(T.locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(Date.UTC(y, m - 1, d));
  }
  function isOpen(day) {
    return day >= state.interval.start && day <= state.interval.end && !state.excluded.has(day);
  }

  function availabilityPath(day) {
    const query = [
      `name=${encodeURIComponent(state.service.name)}`,
      `date=${day}`,
      'places=1',
      'matching=',
      'maxCapacity=1',
      `sessionId=${state.sessionId}`,
    ].join('&');
    return `${teamPath}/reservations/availability?${query}`;
  }

  async function holdSpinner() {
    // Case B3: some pages keep spinning a while after their data arrived.
    if (replica.spinnerDelayMs > 0) {
      state.holding = true;
      updateBusy();
      await sleep(replica.spinnerDelayMs);
      state.holding = false;
      updateBusy();
    }
  }

  async function loadCalendar() {
    const service = state.service;
    show();
    try {
      const interval = await call('GET', `${teamPath}/reservations/get-interval?serviceId=${service._id}`);
      state.interval = interval.data;
      const excluded = await call('POST', `${teamPath}/reservations/exclude-days`, {
        session: { [service._id]: true },
        sessionId: state.sessionId,
      });
      state.excluded = new Set(excluded.data);
      let first = null;
      for (let day = state.interval.start; day <= state.interval.end; day = addDays(day, 1))
        if (!state.excluded.has(day)) {
          first = day;
          break;
        }
      let slots = null;
      if (first) slots = (await call('GET', availabilityPath(first))).data;
      await holdSpinner();
      if (!first) return renderNoSlots();
      state.selectedDate = first;
      state.month = monthOf(first);
      renderCalendar(slots);
    } catch (error) {
      fail(error);
    }
  }

  function renderNoSlots() {
    const message =
      replica.noSlotsMessage === 'card'
        ? h(
            'div',
            { class: CLS.card },
            h('div', { class: 'card-body' }, h('p', { class: 'card-text' }, T.noSlotCard)),
          )
        : h('p', { class: CLS.lead }, T.noSlotLead);
    show(h('h1', {}, T.slotsTitle), message);
  }

  function renderCalendar(slots) {
    const dayPanel = h('div', { id: 'replica-day' });
    const grid = h('div', { class: 'calendar' });
    const validate = h(
      'button',
      { type: 'button', class: 'fr-btn fr-btn--primary', onclick: () => validateCalendar(validate) },
      T.validate,
    );
    show(
      h('h1', {}, T.slotsTitle),
      h('p', {}, T.choose),
      h('p', { class: 'fr-text--sm' }, T.tz),
      grid,
      dayPanel,
      validate,
    );
    drawMonth(grid, dayPanel);
    drawDay(dayPanel, state.selectedDate, slots);
  }

  function drawMonth(grid, dayPanel) {
    const month = state.month;
    const [y, m] = splitDay(`${month}-01`);
    const label = new Intl.DateTimeFormat(T.locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(Date.UTC(y, m - 1, 1));
    const prev = h(
      'button',
      {
        type: 'button',
        class: 'fr-btn fr-btn--secondary calendar-prev',
        disabled: month <= monthOf(state.interval.start),
      },
      T.prevMonth,
    );
    const next = h(
      'button',
      {
        type: 'button',
        class: 'fr-btn fr-btn--secondary calendar-next',
        disabled: month >= monthOf(state.interval.end),
      },
      T.nextMonth,
    );
    prev.addEventListener('click', () => {
      state.month = addMonth(month, -1);
      drawMonth(grid, dayPanel);
    });
    next.addEventListener('click', () => {
      state.month = addMonth(month, 1);
      drawMonth(grid, dayPanel);
    });
    const weekdayFormat = new Intl.DateTimeFormat(T.locale, { weekday: 'short', timeZone: 'UTC' });
    // 2024-01-01 was a Monday: the grid starts on Mondays like the real calendar.
    const headers = [0, 1, 2, 3, 4, 5, 6].map((i) =>
      h(
        'div',
        { class: 'calendar-weekday', role: 'columnheader' },
        weekdayFormat.format(Date.UTC(2024, 0, 1 + i)),
      ),
    );
    const firstDay = `${month}-01`;
    const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
    const cells = Array.from({ length: lead }, () => h('div', { class: 'calendar-blank' }));
    for (let day = firstDay; monthOf(day) === month; day = addDays(day, 1)) {
      const open = isOpen(day);
      const button = h(
        'button',
        {
          type: 'button',
          class: `fr-btn calendar-day${open ? ' calendar-day--available' : ''}`,
          'data-date': day,
          'aria-label': longDate(day),
          'aria-pressed': String(day === state.selectedDate),
          disabled: !open,
        },
        String(Number(day.slice(8))),
      );
      button.addEventListener('click', () => selectDay(day, grid, dayPanel));
      cells.push(button);
    }
    grid.replaceChildren(
      h(
        'div',
        { class: 'calendar-header' },
        prev,
        h('span', { class: 'calendar-month', 'aria-live': 'polite' }, label),
        next,
      ),
      h('div', { class: 'calendar-grid', role: 'grid' }, headers, cells),
    );
  }

  async function selectDay(day, grid, dayPanel) {
    state.selectedDate = day;
    drawMonth(grid, dayPanel);
    dayPanel.replaceChildren();
    try {
      const response = await call('GET', availabilityPath(day));
      if (state.selectedDate === day) drawDay(dayPanel, day, response.data);
    } catch (error) {
      fail(error);
    }
  }

  function drawDay(dayPanel, day, slots) {
    const list = Array.isArray(slots) ? slots : [];
    const items = list.length
      ? list.map((slot) =>
          h(
            'div',
            { class: CLS.hour, role: 'button', tabindex: '0', 'data-time': slot.time },
            h('span', { class: 'slot-hour' }, slot.time),
            ' ',
            h('span', { class: 'slot-places' }, `${slot.capacity} ${T.places}`),
          ),
        )
      : [h('p', { class: 'no-slot-day' }, T.noSlotDay)];
    dayPanel.replaceChildren(
      h('h2', { class: 'fr-h5' }, longDate(day)),
      h('div', { class: CLS.dayContainer, 'data-date': day }, items),
    );
  }

  async function validateCalendar(button) {
    // Booking is never allowed in the replica: the server refuses and records this call.
    button.disabled = true;
    try {
      await call('POST', `${sessionPath()}/update-step-value`, {
        key: 'slotsStep',
        value: { lastSelectedDate: state.selectedDate, slots: {} },
        stepIndex: 3,
        dynamicStepIndex: 0,
      });
    } catch (error) {
      fail(error);
    } finally {
      button.disabled = false;
    }
  }

  renderWelcome();
})();

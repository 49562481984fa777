// What Gmail and Outlook on the web share around a scheduled send: parts of the page added when opened, from the
// page's <template data-popup> (the fixtures' schedule-*.html), and times shown in the page's language.
(function () {
  const opened = [];
  const lang = () => document.documentElement.lang || 'en';
  window.__popups = {
    open(name) {
      const element = document.querySelector('template[data-popup="' + name + '"]').content.firstElementChild.cloneNode(true);
      document.body.appendChild(element);
      opened.push(element);
      return element;
    },
    closeAll() {
      while (opened.length) opened.pop().remove();
    },
    /** `days` from today at that hour, local time. */
    at(days, hour, minute) {
      const d = new Date();
      d.setDate(d.getDate() + days);
      d.setHours(hour, minute || 0, 0, 0);
      return d;
    },
    shown(date, options) {
      return new Intl.DateTimeFormat(lang(), options).format(date);
    },
  };
})();

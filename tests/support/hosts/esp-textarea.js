// An ESP HTML source editor: Send posts the textarea's value.
(function () {
  document.querySelector('form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    fetch(`${location.pathname}/__sent`, {
      method: 'POST',
      body: JSON.stringify({ host: 'esp', to: [form.recipient.value], subject: form.campaign_subject.value, html: form.html_source.value }),
    });
  });
})();

// Starts django-recurrence's widget on every schedule field of the page editor (the
// package's own init script waits for Django admin's "#container", which Wagtail lacks).
(function () {
  function start() {
    document.querySelectorAll("textarea.recurrence-widget").forEach(function (field) {
      if (field.id.indexOf("__prefix__") !== -1 || field.dataset.recurrenceReady) return;
      field.dataset.recurrenceReady = "1";
      new recurrence.widget.Widget(field.id, {});
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

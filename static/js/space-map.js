// Small map on a space page (progressive enhancement: without JavaScript the page
// shows the address and a link to the directory sorted by distance).
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-space-map]");
  if (!box || !window.L) return;
  const point = [parseFloat(box.dataset.lat), parseFloat(box.dataset.lng)];
  const map = L.map(box, { scrollWheelZoom: false, keyboard: true }).setView(point, 16);
  L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution, maxZoom: 19 }).addTo(map);
  if (window.portalMapOutlines) window.portalMapOutlines(map);
  L.marker(point, { alt: box.dataset.label, keyboard: false }).addTo(map);
  box.classList.add("space-map--ready");
});

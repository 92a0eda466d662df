// Map point picker on the "register your space" form (progressive enhancement: without
// JavaScript the latitude and longitude fields are typed, or left empty). The map
// follows the district chosen in the form until a point is placed, and the place
// search box above it (place-search.js) moves the point to a neighbourhood.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-point-picker]");
  if (!box || !window.L) return;
  const lat = document.getElementById("id_latitude");
  const lng = document.getElementById("id_longitude");
  const district = document.getElementById("id_district");
  box.hidden = false;
  const start = lat.value && lng.value ? [Number(lat.value), Number(lng.value)] : null;
  const map = L.map(box.querySelector("[data-point-picker-map]"), { scrollWheelZoom: false, keyboard: true });
  L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution, maxZoom: 19 }).addTo(map);
  if (window.portalMapOutlines) window.portalMapOutlines(map);
  map.setView(start || [37.5665, 126.978], start ? 16 : 11);
  let marker = null;
  const place = (point) => {
    if (!marker) {
      marker = L.marker(point, { draggable: true, alt: box.dataset.label }).addTo(map);
      marker.on("dragend", () => write(marker.getLatLng()));
    } else {
      marker.setLatLng(point);
    }
  };
  const write = (point) => {
    lat.value = point.lat.toFixed(6);
    lng.value = point.lng.toFixed(6);
  };
  if (start) place(start);
  map.on("click", (event) => { place(event.latlng); write(event.latlng); });
  const typed = () => {
    const point = [Number(lat.value), Number(lng.value)];
    if (lat.value && lng.value && point.every(Number.isFinite)) { place(point); map.setView(point, 16); }
  };
  lat.addEventListener("change", typed);
  lng.addEventListener("change", typed);

  // The chosen district's centre (data-lat/data-lng on its option, operators/forms.py).
  const showDistrict = () => {
    const option = district && district.selectedOptions[0];
    if (marker || !option || !option.dataset.lat) return; // a placed point stays in view
    map.setView([Number(option.dataset.lat), Number(option.dataset.lng)], 14);
  };
  if (district) district.addEventListener("change", showDistrict);
  if (!start) showDistrict();

  box.addEventListener("place-search:chosen", (event) => {
    const point = L.latLng(event.detail.lat, event.detail.lng);
    place(point);
    write(point);
    map.setView(point, 16);
  });
});

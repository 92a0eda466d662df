// The space editor's map (wagtailgeowidget's Leaflet field, run by the package's own
// script): clicking the map moves the marker there, and a place chosen in the search
// box above it (place-search.js) moves the marker to that place. Both go through the
// marker's "dragend", so the package updates its coordinates input and the stored
// point exactly as when the marker is dragged.
(() => {
  if (!window.L) return;
  const maps = new WeakMap(); // map element → Leaflet map

  const markerOf = (map) => {
    let marker = null;
    map.eachLayer((layer) => {
      if (layer instanceof L.Marker) marker = layer;
    });
    return marker;
  };

  const moveTo = (map, latlng, zoom) => {
    const marker = markerOf(map);
    if (!marker) return;
    marker.setLatLng(latlng);
    marker.fire("dragend");
    if (zoom) map.setView(latlng, Math.max(map.getZoom(), zoom));
  };

  // Runs for every Leaflet map as it is made (Leaflet's documented extension point).
  L.Map.addInitHook(function () {
    const element = this.getContainer();
    if (!element.classList.contains("leaflet-field")) return;
    // A plain "Leaflet" credit, as on the portal's maps (static/js/map-outlines.js).
    if (this.attributionControl) this.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    maps.set(element, this);
    this.on("click", (event) => moveTo(this, event.latlng));
  });

  document.addEventListener("place-search:chosen", (event) => {
    const element = document.getElementById(event.target.dataset.placeSearchMap || "");
    const map = element && maps.get(element);
    if (map) moveTo(map, L.latLng(event.detail.lat, event.detail.lng), 16);
  });
})();

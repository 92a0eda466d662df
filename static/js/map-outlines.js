// The maps' own base layer: Seoul's 25 district outlines with their names and, zoomed
// in (from zoom 14), the neighbourhoods' (법정동), drawn from the portal's open data
// (/api/districts.geojson, /api/neighbourhoods.geojson) under the markers. A map stays
// readable where tiles cannot load (offline, a blocked tile server, a kiosk); tiles that
// do load sit under the outlines. Each map script calls portalMapOutlines(map).
(() => {
  "use strict";
  if (!window.L || !window.fetch) return;
  const english = document.documentElement.lang === "en";
  const language = english ? "en" : "ko";
  const CREDIT = english
    ? "Boundaries: Statistics Korea, Ministry of the Interior and Safety"
    : "행정구역: 통계청·행정안전부";
  const DISTRICT_LABELS = [10, 13]; // district names between these zooms
  const NEIGHBOURHOODS_FROM = 14; // neighbourhood outlines and names from here
  const json = (url) =>
    fetch(url, { credentials: "same-origin" }).then((answer) =>
      answer.ok ? answer.json() : Promise.reject(new Error(`${url}: ${answer.status}`)),
    );
  let districts = null; // one request per page, shared by its maps
  const neighbourhoods = new Map(); // district slug -> promise of its features

  const label = (latlng, text, className) =>
    L.marker(latlng, {
      pane: "outlines",
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: `map-label ${className}`, html: "", iconSize: null }),
    }).on("add", (event) => {
      // The name as text, never as HTML.
      const span = document.createElement("span");
      span.textContent = text;
      event.target.getElement().replaceChildren(span);
    });

  window.portalMapOutlines = (map) => {
    map.createPane("outlines").classList.add("map-outlines-pane"); // over tiles, under markers
    map.getContainer().classList.add("map--outlined");
    if (map.attributionControl) {
      // A plain "Leaflet" credit, without the flag Leaflet puts before its name.
      map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
      map.attributionControl.addAttribution(CREDIT);
    }
    const districtLines = L.geoJSON(null, {
      pane: "outlines",
      interactive: false,
      style: { className: "map-district", color: "#56606b", weight: 1.5, fillColor: "#ffffff", fillOpacity: 0.25 },
    }).addTo(map);
    const districtNames = L.layerGroup();
    const dongLines = L.geoJSON(null, {
      pane: "outlines",
      interactive: false,
      style: { className: "map-neighbourhood", color: "#8a939c", weight: 1, dashArray: "4 3", fill: false },
    });
    const dongNames = L.layerGroup();
    const shown = (layer, show) => {
      if (show && !map.hasLayer(layer)) map.addLayer(layer);
      if (!show && map.hasLayer(layer)) map.removeLayer(layer);
    };
    let features = [];

    const added = new Set(); // districts whose neighbourhoods this map draws
    const loadNeighbourhoods = () => {
      const view = map.getBounds();
      features
        .filter(({ properties, bounds }) => properties.slug && !added.has(properties.slug) && bounds.intersects(view))
        .forEach(({ properties: { slug } }) => {
          added.add(slug);
          if (!neighbourhoods.has(slug)) {
            const url = `/api/neighbourhoods.geojson?district=${encodeURIComponent(slug)}&lang=${language}`;
            neighbourhoods.set(slug, json(url).catch(() => null));
          }
          neighbourhoods.get(slug).then((collection) => {
            if (!collection) return;
            dongLines.addData(collection);
            collection.features.forEach(({ properties, geometry }) => {
              const centre = properties.centre
                ? L.latLng(properties.centre[1], properties.centre[0])
                : L.geoJSON(geometry).getBounds().getCenter();
              dongNames.addLayer(label(centre, properties.name, "map-label--neighbourhood"));
            });
          });
        });
    };

    const refresh = () => {
      const zoom = map.getZoom();
      map.getContainer().classList.toggle("map--far", zoom <= DISTRICT_LABELS[0]);
      shown(districtNames, zoom >= DISTRICT_LABELS[0] && zoom <= DISTRICT_LABELS[1]);
      shown(dongLines, zoom >= NEIGHBOURHOODS_FROM);
      shown(dongNames, zoom >= NEIGHBOURHOODS_FROM);
      if (zoom >= NEIGHBOURHOODS_FROM && features.length) loadNeighbourhoods();
    };

    districts = districts || json(`/api/districts.geojson?lang=${language}`).catch(() => null);
    districts.then((collection) => {
      if (!collection) return;
      districtLines.addData(collection);
      features = collection.features.map((feature) => ({
        properties: feature.properties,
        bounds: L.geoJSON(feature).getBounds(),
      }));
      features.forEach(({ properties, bounds }) => {
        const centre = properties.centre ? L.latLng(properties.centre[1], properties.centre[0]) : bounds.getCenter();
        districtNames.addLayer(label(centre, properties.name, "map-label--district"));
      });
      map.whenReady(() => {
        refresh();
        map.on("zoomend moveend", refresh);
      });
    });
  };
})();

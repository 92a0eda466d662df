// The home page's map of Seoul and its "near me" button (progressive enhancement:
// without JavaScript the map's box links to the directory and the form sends the
// place typed).
//
// The map draws what the directory's map draws, from the same answer
// (/api/spaces.geojson: pins, or the server's groups where spaces crowd, grouped again
// in the browser as they near each other) over the district outlines
// (map-outlines.js). A pin opens its space's page; a group zooms in. Leaflet and the
// rest are loaded only when the map comes near the screen, so the page's first view
// costs nothing more.
(() => {
  "use strict";
  const stringsElement = document.getElementById("home-map-strings");
  const strings = stringsElement ? JSON.parse(stringsElement.textContent) : {};
  const format = (text, values) => text.replace(/%\((\w+)\)s/g, (_, key) => values[key]);

  // --- near me: the directory near the visitor's position, nearest first ----------
  const form = document.querySelector("[data-home-near]");
  const locate = form && form.querySelector("[data-locate]");
  if (locate && navigator.geolocation) {
    const status = form.querySelector("[data-locate-status]");
    locate.hidden = false;
    locate.addEventListener("click", () => {
      status.textContent = strings.locating || "";
      navigator.geolocation.getCurrentPosition(
        (position) => {
          const { latitude, longitude } = position.coords;
          const params = new URLSearchParams({
            near: `${latitude.toFixed(5)},${longitude.toFixed(5)}`,
            sort: "nearest",
          });
          window.location.assign(`${form.action}?${params}`);
        },
        () => { status.textContent = strings.locateFailed || ""; },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 },
      );
    });
  }

  // --- the map ---------------------------------------------------------------------
  const box = document.querySelector("[data-home-map]");
  if (!box || !window.fetch || !window.URLSearchParams || !window.Promise) return;
  const canvas = box.querySelector("[data-map-canvas]");
  const status = box.querySelector("[data-map-status]");

  const load = (url, kind) =>
    new Promise((resolve, reject) => {
      const element = document.createElement(kind === "style" ? "link" : "script");
      if (kind === "style") {
        element.rel = "stylesheet";
        element.href = url;
      } else {
        element.src = url;
        element.async = false; // run in the order given: Leaflet first
      }
      element.addEventListener("load", resolve);
      element.addEventListener("error", reject);
      document.head.append(element);
    });

  const counted = (name, count) =>
    count === 1 && strings[`${name}One`]
      ? strings[`${name}One`]
      : format(strings[name], { count: count.toLocaleString() });

  function draw(map, pointLayer, clusterLayer, data) {
    pointLayer.clearLayers();
    clusterLayer.clearLayers();
    // A pin is a copy of its type's icon on the page (the space types above the map),
    // as the directory's pins copy its legend; an unknown type gets the fallback.
    const icons = new Map();
    for (const icon of document.querySelectorAll("[data-home-types] [data-type-icon]")) {
      icons.set(icon.dataset.typeIcon, icon);
    }
    const fallback = box.querySelector("template[data-fallback-icon]").content.firstElementChild;
    const points = [];
    for (const feature of data.features) {
      const [lng, lat] = feature.geometry.coordinates;
      const props = feature.properties;
      if (props.cluster) {
        const badge = document.createElement("span");
        badge.className = "map-cluster__badge";
        badge.textContent = props.count.toLocaleString();
        const size = props.count < 100 ? 36 : props.count < 1000 ? 44 : 52;
        const marker = L.marker([lat, lng], {
          icon: L.divIcon({ className: "map-cluster", html: badge, iconSize: [size, size] }),
          keyboard: false,
          title: format(strings.zoomIn, { count: props.count }),
        });
        marker.on("click", () => {
          const [w, s, e, n] = props.bbox;
          map.fitBounds([[s, w], [n, e]], { padding: [24, 24], maxZoom: map.getZoom() + 3 });
        });
        clusterLayer.addLayer(marker);
      } else {
        const known = icons.get(props.type);
        const pin = (known || fallback).cloneNode(true);
        if (!known && /^#[0-9a-f]{6}$/i.test(props.colour || "")) {
          pin.querySelector("circle").setAttribute("fill", props.colour);
        }
        const marker = L.marker([lat, lng], {
          icon: L.divIcon({ className: "map-pin", html: pin, iconSize: [32, 32], iconAnchor: [16, 16] }),
          keyboard: false, // the directory is the map's keyboard twin
          title: props.title,
          alt: props.title,
        });
        // The answer's links are the public address's (open data); stay on this host.
        const link = new URL(props.url, window.location.href);
        marker.on("click", () => window.location.assign(link.pathname + link.search));
        points.push(marker);
      }
    }
    pointLayer.addLayers(points);
    status.textContent = counted(data.clustered ? "clusters" : "spaces", data.total);
    canvas.dataset.loaded = String(data.total);
  }

  function start() {
    canvas.replaceChildren(); // the link shown without JavaScript
    const map = L.map(canvas, {
      scrollWheelZoom: false, keyboard: true, minZoom: 9, maxZoom: 19, zoomControl: false,
      zoomSnap: 0.5, // Seoul fills the box better than at whole zooms
    });
    L.control.zoom({ zoomInTitle: strings.zoomInButton, zoomOutTitle: strings.zoomOutButton }).addTo(map);
    L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution, maxZoom: 19 }).addTo(map);
    if (window.portalMapOutlines) window.portalMapOutlines(map);
    const pointLayer = L.markerClusterGroup({
      showCoverageOnHover: false, chunkedLoading: true, disableClusteringAtZoom: 17,
    });
    const clusterLayer = L.layerGroup();
    map.addLayer(pointLayer);
    map.addLayer(clusterLayer);
    const [w, s, e, n] = box.dataset.bounds.split(",").map(Number);
    // Room under the city for the credits line, which covers the map's foot.
    map.fitBounds([[s, w], [n, e]], { animate: false, paddingTopLeft: [8, 8], paddingBottomRight: [8, 28] });

    let asked = 0; // answers to older requests are dropped
    const refresh = () => {
      const bounds = map.getBounds();
      const query = new URLSearchParams({
        bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
          .map((value) => value.toFixed(5)).join(","),
        zoom: String(Math.round(map.getZoom())), // the server groups by whole zooms
        lang: box.dataset.lang,
      });
      const mine = ++asked;
      canvas.setAttribute("aria-busy", "true");
      fetch(`${box.dataset.api}?${query}`, { headers: { Accept: "application/geo+json" } })
        .then((answer) => (answer.ok ? answer.json() : Promise.reject(answer.status)))
        .then((data) => { if (mine === asked) draw(map, pointLayer, clusterLayer, data); })
        .catch(() => { if (mine === asked) status.textContent = strings.failed; })
        .finally(() => canvas.setAttribute("aria-busy", "false"));
    };
    map.on("moveend", refresh);
    refresh();
  }

  let started = false;
  function begin() {
    if (started) return;
    started = true;
    status.textContent = strings.loading;
    const styles = box.dataset.styles.split(" ").filter(Boolean);
    const scripts = box.dataset.scripts.split(" ").filter(Boolean);
    Promise.all([
      ...styles.map((url) => load(url, "style")),
      ...scripts.map((url) => load(url, "script")),
    ])
      .then(() => { if (window.L && L.markerClusterGroup) start(); else throw new Error("no Leaflet"); })
      .catch(() => { status.textContent = strings.failed; });
  }

  if ("IntersectionObserver" in window) {
    const watcher = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        watcher.disconnect();
        begin();
      }
    }, { rootMargin: "200px 0px" });
    watcher.observe(box);
  } else {
    begin();
  }
})();

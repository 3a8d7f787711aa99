// The map: an offline basemap of Natural Earth country borders (or a tile server when one is set),
// events as dots coloured by type, clustered.

import L from 'leaflet';
import 'leaflet.markercluster';
import { feature } from 'topojson-client';
import { slug } from './dom.js';

export const TYPES = ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments'];

export class EventMap {
  constructor(node, { tiles, attribution, onSelect, onMove }) {
    this.map = L.map(node, { worldCopyJump: true, zoomSnap: 0.5, minZoom: 2, maxZoom: 18 }).setView([25, 30], 3);
    this.tilesUrl = tiles;
    this.attribution = attribution;
    this.onSelect = onSelect;
    this.cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
    this.map.addLayer(this.cluster);
    this.map.on('moveend', () => onMove(this.bbox(), this.view()));
    this.markers = new Map();
    this.base = null;
  }

  /** 'borders' (bundled Natural Earth countries) or 'tiles' (the configured tile server). */
  async setBasemap(kind) {
    if (this.base) this.map.removeLayer(this.base);
    if (kind === 'tiles' && this.tilesUrl) {
      this.base = L.tileLayer(this.tilesUrl, { attribution: this.attribution, maxZoom: 18 });
    } else {
      if (!this.borders) {
        const topo = await (await fetch('/static/countries.json')).json();
        this.borders = feature(topo, topo.objects.countries);
      }
      this.base = L.geoJSON(this.borders, { style: { color: '#8a8f98', weight: 0.8, fillColor: '#f4f1ea', fillOpacity: 1 }, interactive: false });
      this.map.attributionControl.addAttribution('Borders: Natural Earth');
    }
    this.base.addTo(this.map);
    this.base.bringToBack?.();
  }

  /** Show a FeatureCollection of events; returns how many have a point. */
  show(collection) {
    this.cluster.clearLayers();
    this.markers.clear();
    const layers = [];
    for (const f of collection.features) {
      if (!f.geometry) continue;
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties;
      const status = p.review_status ? ` fl-${p.review_status}` : '';
      const icon = L.divIcon({ className: `fl-dot fl-t-${slug(p.event_type)}${status}`, iconSize: [14, 14] });
      const marker = L.marker([lat, lon], { icon, title: `${p.event_type} — ${p.location || ''} ${p.event_date || ''}`, keyboard: true });
      marker.on('click', () => this.onSelect(p.event_id));
      marker.on('add', () => { const node = marker.getElement(); if (node) node.dataset.eventId = p.event_id; });
      this.markers.set(p.event_id, marker);
      layers.push(marker);
    }
    this.cluster.addLayers(layers);
    return layers.length;
  }

  /** Bring an event's marker into view (unclustering it) and mark it as selected. */
  focus(eventId) {
    for (const node of document.querySelectorAll('.fl-dot.selected')) node.classList.remove('selected');
    const marker = this.markers.get(eventId);
    if (!marker) return;
    this.cluster.zoomToShowLayer(marker, () => marker.getElement()?.classList.add('selected'));
  }

  fit(collection) {
    const points = collection.features.filter((f) => f.geometry).map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]);
    if (points.length) this.map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 8 });
  }

  bbox() {
    const b = this.map.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    const west = b.getWest(), east = b.getEast();
    if (east - west >= 360) return '';
    const wrap = (lon) => ((((lon + 180) % 360) + 360) % 360) - 180;
    return [wrap(west), clamp(b.getSouth(), -90, 90), wrap(east), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(',');
  }

  view() {
    const c = this.map.getCenter();
    return `${c.lat.toFixed(4)},${c.lng.toFixed(4)},${this.map.getZoom()}`;
  }

  setView(view) {
    const [lat, lng, zoom] = view.split(',').map(Number);
    if ([lat, lng, zoom].every(Number.isFinite)) this.map.setView([lat, lng], zoom);
  }
}

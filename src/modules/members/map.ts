/**
 * Server-rendered SVG world map of the MSME Group members.
 *
 * Geometry: country shapes come from world-atlas `countries-110m.json` (all
 * countries in light grey, members shaded). Members that are missing from the
 * 110m file or too small to see at the map's scale are drawn as circles at
 * their centroid, taken from `countries-50m.json`.
 *
 * All projection work happens once per process (lazily, on first render);
 * each render afterwards only assembles strings.
 *
 * The output contains no `style` attribute, no `<style>` and no `<script>`
 * (strict CSP): colours are presentation attributes that the site's CSS can
 * override through the classes `land`, `member` and `member-point`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoArea, geoCentroid, geoEqualEarth, geoPath, type GeoContext, type GeoProjection } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

export interface MembersMapInput {
  /** ISO 3166-1 numeric codes ("858"); entries with `numeric: null` are skipped. */
  members: { numeric: string | null; name: string }[];
  /** Accessible name of the map (`<title>`). */
  title: string;
  /** Longer text alternative (`<desc>`), e.g. "95 members, listed in the table below". */
  description: string;
}

/** Width of the viewBox; the height follows from the projection fit. */
const VIEW_WIDTH = 960;
/** Margin around the land so the edge circles are not clipped. */
const PADDING = 4;
/**
 * Coordinates are snapped to a grid of 1/GRID viewBox units. 2 (half units)
 * is visually lossless for the 110m data even on a 2x screen, and much smaller
 * than one decimal (~15 KB vs ~23 KB gzipped). Must divide 10 (1, 2, 5 or 10).
 */
const GRID = 2;
/** Members whose 110m shape covers less than this many px² are drawn as circles. */
const MIN_SHAPE_AREA = 10;
/** Radius of the circle drawn for small members, in viewBox units. */
const POINT_RADIUS = 3;
/** ISO numeric code of Antarctica: left out (not a member, and it wastes space). */
const ANTARCTICA = "010";

const LAND_FILL = "#d9dde3";
const MEMBER_FILL = "#1f6f8b";
const STROKE = "#fff";

interface CountryShape {
  /** Path data; starts with an absolute "M", so shapes can be concatenated. */
  d: string;
  /** Projected area in px² (viewBox units). */
  area: number;
}

interface MapGeometry {
  width: number;
  height: number;
  /** 110m shapes by numeric code. */
  shapes: Map<string, CountryShape>;
  /** Path data of the 110m features without a code (e.g. Kosovo, N. Cyprus). */
  unnamedLand: string;
  /** Centroid of a code in viewBox units (formatted), or null if unknown; memoised. */
  centroid(code: string): Point | null;
}

/** A formatted point in viewBox units. */
interface Point {
  cx: string;
  cy: string;
}

type CountryProps = { name?: string } | null;
type CountriesTopology = Topology<{ countries: GeometryCollection<CountryProps> }>;

// ---------------------------------------------------------------------------
// Number and path formatting

/** Formats an integer count of 1/GRID units: 3 -> "1.5", -1 -> "-.5", 6 -> "3" (GRID = 2). */
function formatUnits(units: number): string {
  const abs = Math.abs(units);
  const int = Math.floor(abs / GRID);
  const rest = abs - int * GRID;
  // rest / GRID is an exact short decimal because GRID divides 10: "0.5" -> ".5".
  const s = rest === 0 ? String(int) : `${int === 0 ? "" : int}${String(rest / GRID).slice(1)}`;
  return units < 0 ? `-${s}` : s;
}

function formatCoord(value: number): string {
  return formatUnits(Math.round(value * GRID));
}

/**
 * A d3-geo path context that writes compact SVG path data: rounded
 * coordinates, relative commands, no repeated command letters, no redundant
 * separators, and rings that collapse to fewer than three distinct points
 * after rounding dropped. The first command is an absolute "M".
 */
class CompactPathContext implements GeoContext {
  private out = "";
  /** Last token written, to decide whether a separator is needed. */
  private lastToken = "";
  /** Current point (in 1/GRID units) as SVG sees it, or null before any output. */
  private current: [number, number] | null = null;
  private ring: [number, number][] = [];

  beginPath(): void {}

  moveTo(x: number, y: number): void {
    this.flushRing();
    this.ring = [[Math.round(x * GRID), Math.round(y * GRID)]];
  }

  lineTo(x: number, y: number): void {
    const p: [number, number] = [Math.round(x * GRID), Math.round(y * GRID)];
    const last = this.ring[this.ring.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) return;
    this.ring.push(p);
  }

  closePath(): void {
    this.flushRing();
  }

  arc(): void {
    // Only used for GeoJSON points, which this map never draws through geoPath.
  }

  result(): string {
    this.flushRing();
    return this.out;
  }

  private flushRing(): void {
    const ring = this.ring;
    this.ring = [];
    // Drop the closing point if it repeats the first one.
    const first = ring[0];
    const lastPoint = ring[ring.length - 1];
    if (first && lastPoint && ring.length > 1 && first[0] === lastPoint[0] && first[1] === lastPoint[1]) ring.pop();
    if (ring.length < 3 || !first) return;

    if (this.current === null) {
      this.command("M");
      this.number(first[0]);
      this.number(first[1]);
    } else {
      this.command("m");
      this.number(first[0] - this.current[0]);
      this.number(first[1] - this.current[1]);
    }
    let [cx, cy] = first;
    this.command("l");
    for (let i = 1; i < ring.length; i++) {
      const p = ring[i] as [number, number];
      this.number(p[0] - cx);
      this.number(p[1] - cy);
      [cx, cy] = p;
    }
    this.command("z");
    // After "z" the current point is the start of the subpath.
    this.current = [first[0], first[1]];
  }

  private command(c: string): void {
    this.out += c;
    this.lastToken = c;
  }

  private number(units: number): void {
    const s = formatUnits(units);
    const prev = this.lastToken;
    const prevIsNumber = prev !== "" && !/^[A-Za-z]$/.test(prev);
    if (prevIsNumber) {
      const needsSeparator = !(s.startsWith("-") || (s.startsWith(".") && prev.includes(".")));
      if (needsSeparator) this.out += " ";
    }
    this.out += s;
    this.lastToken = s;
  }
}

function pathData(projection: GeoProjection, object: Feature | FeatureCollection): string {
  const context = new CompactPathContext();
  geoPath(projection, context)(object);
  return context.result();
}

// ---------------------------------------------------------------------------
// Geometry (computed once per process)

const requireFromHere = createRequire(import.meta.url);

function loadCountries(file: string): FeatureCollection<Geometry, CountryProps> {
  const topology = JSON.parse(readFileSync(requireFromHere.resolve(`world-atlas/${file}`), "utf8")) as CountriesTopology;
  return feature(topology, topology.objects.countries);
}

function buildGeometry(): MapGeometry {
  const world110 = loadCountries("countries-110m.json");
  const world50 = loadCountries("countries-50m.json");

  const land110: FeatureCollection<Geometry, CountryProps> = {
    type: "FeatureCollection",
    features: world110.features.filter((f) => f.id !== ANTARCTICA),
  };

  // Fit the width, then move the land's top edge to y = PADDING.
  const projection = geoEqualEarth().fitWidth(VIEW_WIDTH - 2 * PADDING, land110);
  const [tx, ty] = projection.translate();
  const top = geoPath(projection).bounds(land110)[0];
  projection.translate([tx + PADDING - top[0], ty + PADDING - top[1]]);
  const bounds = geoPath(projection).bounds(land110);
  const height = Math.ceil(bounds[1][1] + PADDING);

  const areaPath = geoPath(projection);
  const shapes = new Map<string, CountryShape>();
  let unnamedLand = "";
  for (const f of land110.features) {
    const d = pathData(projection, f);
    if (f.id === undefined || f.id === null || f.id === "") {
      unnamedLand += d;
      continue;
    }
    const id = String(f.id);
    const previous = shapes.get(id);
    const area = areaPath.area(f);
    shapes.set(id, previous ? { d: previous.d + d, area: previous.area + area } : { d, area });
  }

  // Centroids come from the 50m file, computed on first use per code (only
  // small or missing members need one). When a code has several features
  // (Australia and Ashmore and Cartier Is. are both "036"), the largest wins.
  const features50 = groupById(world50.features);
  const features110 = groupById(land110.features);
  const centroids = new Map<string, Point | null>();
  const centroid = (code: string): Point | null => {
    const cached = centroids.get(code);
    if (cached !== undefined) return cached;
    let point: Point | null = null;
    const candidates = features50.get(code);
    if (candidates) {
      let largest = candidates[0];
      let largestArea = -1;
      for (const f of candidates) {
        const area = geoArea(f);
        if (area > largestArea) [largest, largestArea] = [f, area];
      }
      const p = largest ? projection(geoCentroid(largest)) : null;
      if (p && Number.isFinite(p[0]) && Number.isFinite(p[1])) point = { cx: formatCoord(p[0]), cy: formatCoord(p[1]) };
    } else {
      // In 110m but not in 50m (no such code today): use the projected 110m centroid.
      const f110 = features110.get(code);
      if (f110) {
        const [x, y] = areaPath.centroid({ type: "FeatureCollection", features: f110 });
        if (Number.isFinite(x) && Number.isFinite(y)) point = { cx: formatCoord(x), cy: formatCoord(y) };
      }
    }
    centroids.set(code, point);
    return point;
  };

  return { width: VIEW_WIDTH, height, shapes, unnamedLand, centroid };
}

function groupById<F extends Feature<Geometry, CountryProps>>(features: F[]): Map<string, F[]> {
  const byId = new Map<string, F[]>();
  for (const f of features) {
    if (f.id === undefined || f.id === null || f.id === "") continue;
    const id = String(f.id);
    const list = byId.get(id);
    if (list) list.push(f);
    else byId.set(id, [f]);
  }
  return byId;
}

let geometry: MapGeometry | undefined;

function getGeometry(): MapGeometry {
  geometry ??= buildGeometry();
  return geometry;
}

/**
 * Loads and projects the map data now (~0.3 s) instead of on the first render.
 * Optional: call at start-up so the first request does not pay for it.
 */
export function preloadMembersMap(): void {
  getGeometry();
}

// ---------------------------------------------------------------------------
// Rendering

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for XML/HTML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Renders the members map as an SVG string, ready to embed in HTML. */
export function renderMembersMap(input: MembersMapInput): string {
  const geo = getGeometry();

  const shaded: string[] = [];
  const points: string[] = [];
  const drawnAsShape = new Set<string>();
  const seen = new Set<string>();

  for (const member of input.members) {
    const code = member.numeric;
    if (code === null || seen.has(code)) continue;
    seen.add(code);
    const title = `<title>${escapeXml(member.name)}</title>`;
    const shape = geo.shapes.get(code);
    if (shape && shape.area >= MIN_SHAPE_AREA) {
      drawnAsShape.add(code);
      shaded.push(`<path class="member" fill="${MEMBER_FILL}" d="${shape.d}">${title}</path>`);
      continue;
    }
    const centroid = geo.centroid(code);
    if (centroid) {
      points.push(
        `<circle class="member-point" fill="${MEMBER_FILL}" stroke="${STROKE}" stroke-width=".75" cx="${centroid.cx}" cy="${centroid.cy}" r="${POINT_RADIUS}">${title}</circle>`,
      );
    }
    // Codes unknown to both files are skipped silently.
  }

  let landD = geo.unnamedLand;
  for (const [code, shape] of geo.shapes) {
    if (!drawnAsShape.has(code)) landD += shape.d;
  }

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${geo.width} ${geo.height}" role="img" aria-labelledby="map-title map-desc" class="members-map">` +
    `<title id="map-title">${escapeXml(input.title)}</title>` +
    `<desc id="map-desc">${escapeXml(input.description)}</desc>` +
    `<path class="land" fill="${LAND_FILL}" stroke="${STROKE}" stroke-width=".5" stroke-linejoin="round" d="${landD}"/>` +
    `<g stroke="${STROKE}" stroke-width=".5" stroke-linejoin="round">${shaded.join("")}</g>` +
    `<g>${points.join("")}</g>` +
    `</svg>`
  );
}

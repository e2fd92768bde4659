import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/**
 * Static files of the interface (CSS, client islands), served under a name that carries a hash of
 * their content, so browsers may keep them for a year and still never see a stale one.
 */
export interface Asset {
  url: string;
  type: string;
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
}

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};

const FOLDER = fileURLToPath(new URL("./assets/", import.meta.url));

function load(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(FOLDER)) {
    const ext = extname(name);
    const type = TYPES[ext];
    if (!type) continue;
    const body = readFileSync(join(FOLDER, name));
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 10);
    assets.set(name, {
      url: `/assets/${name.slice(0, -ext.length)}.${hash}${ext}`,
      type,
      body,
      gzip: gzipSync(body, { level: 9 }),
      br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    });
  }
  return assets;
}

const assets = load();

/** The hashed URL of an asset, e.g. `assetUrl("site.css")`. */
export function assetUrl(name: string): string {
  return assetByName(name).url;
}

/** An asset by its file name, e.g. `assetByName("favicon.ico")`. */
export function assetByName(name: string): Asset {
  const asset = assets.get(name);
  if (!asset) throw new Error(`No asset named ${name}`);
  return asset;
}

export function assetByUrl(url: string): Asset | undefined {
  for (const asset of assets.values()) if (asset.url === url) return asset;
  return undefined;
}

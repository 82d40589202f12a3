/** What build.mjs (plain Node) loads from the release code, bundled once per build (build.mjs `loadTool`). */
export { noInnerHtmlPlugin } from './no-inner-html.js';
export { NOTICES_FILE, bundledPackages, noticesText } from './third-party-notices.js';

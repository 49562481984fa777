/**
 * The collector's package directory (migrations/, dist/). This file sits one level below it in src/, and so does
 * every bundle in dist/ (a bundle's import.meta.url is its own), so the same URL is right from source and from the build.
 */
export const PACKAGE_DIR = new URL('../', import.meta.url);

/** The image reference without its digest: architecture and OS hints live in names and tags. */
export function nameAndTag(image: string): string {
  const digest = image.indexOf('@');
  return digest === -1 ? image : image.slice(0, digest);
}

/**
 * True when a name and tag may say which CPU architecture the image is built for: every
 * architecture hint of ecs-image-platform (arm64, aarch64, amd64, x86_64, ...) contains "64".
 */
export function mayHintArchitecture(nameAndTag: string): boolean {
  return nameAndTag.includes('64');
}

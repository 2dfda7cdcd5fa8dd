import type { Config } from "../config/load-config.ts";
import { StartupError } from "../core/startup-error.ts";

interface PuppetInfo {
  /** The variable holding its token, when it needs one. */
  tokenVar?: "WECHATY_PUPPET_SERVICE_TOKEN" | "WECHATY_PUPPET_PADLOCAL_TOKEN";
}

/** The puppets the README describes; any other package that is a Wechaty puppet works too. */
export const KNOWN_PUPPETS: Record<string, PuppetInfo> = {
  "wechaty-puppet-wechat4u": {},
  "wechaty-puppet-service": { tokenVar: "WECHATY_PUPPET_SERVICE_TOKEN" },
  "wechaty-puppet-padlocal": { tokenVar: "WECHATY_PUPPET_PADLOCAL_TOKEN" },
};

type PuppetClass = new (options?: Record<string, unknown>) => object;

/** A puppet class has the lifecycle and memory that Wechaty calls on it (a plain library does not). */
function asPuppetClass(candidate: unknown): PuppetClass | null {
  if (typeof candidate !== "function") return null;
  const proto = (candidate as { prototype?: Record<string, unknown> }).prototype;
  return proto && typeof proto.start === "function" && typeof proto.setMemory === "function" ? (candidate as PuppetClass) : null;
}

function didYouMean(name: string): string {
  const near = Object.keys(KNOWN_PUPPETS).find((k) => k.endsWith(`-${name.replace(/^wechaty-puppet-/, "")}`));
  return near ? `; did you mean WECHATY_PUPPET=${near}?` : `; use one of ${Object.keys(KNOWN_PUPPETS).join(", ")}`;
}

/**
 * WECHATY_PUPPET → a puppet instance, or a StartupError that says what to set. Wechaty
 * itself would import any name it is given and fail later with a TypeError (or a raw
 * stack for a missing token), so the checks are made here, before anything starts.
 */
export async function resolvePuppet(config: Config): Promise<object> {
  const name = config.WECHATY_PUPPET;
  if (!name) throw new StartupError("WECHATY_PUPPET is not set: set it to the puppet package to log in with (see README, Connecting a real WeChat account)");
  if (!/^(@[a-z0-9._-]+\/)?[a-z0-9._-]+$/.test(name)) throw new StartupError(`WECHATY_PUPPET=${name} is not a package name${didYouMean(name)}`);
  const info = KNOWN_PUPPETS[name] ?? {};
  const token = info.tokenVar ? config[info.tokenVar] : undefined;
  if (info.tokenVar && !token) throw new StartupError(`${name} needs a token: set ${info.tokenVar} (from your puppet provider)`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(name)) as Record<string, unknown>;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new StartupError(`WECHATY_PUPPET=${name}: the package is not installed; run npm install ${name}${KNOWN_PUPPETS[name] ? "" : didYouMean(name)}`);
    }
    throw new StartupError(`WECHATY_PUPPET=${name}: the package could not be loaded (${(err as Error).message.split("\n")[0]})`, 1);
  }
  const Puppet = asPuppetClass(mod.default) ?? Object.values(mod).map(asPuppetClass).find((c) => c !== null);
  if (!Puppet) throw new StartupError(`WECHATY_PUPPET=${name} is not a Wechaty puppet package${didYouMean(name)}`);
  try {
    return new Puppet(token ? { token } : {});
  } catch (err) {
    throw new StartupError(`WECHATY_PUPPET=${name} could not start: ${(err as Error).message.split("\n")[0]}`, 1);
  }
}

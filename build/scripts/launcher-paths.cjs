// The paths compiled into the capture launcher (native/src/launcher.c, through native/binding.gyp):
// by default the deb/rpm layout electron-builder produces (/opt/${productName}, executable
// `ackline`; test/build/packaging.test.ts holds them to electron-builder.yml). Another layout
// sets ACKLINE_LAUNCHER_RUNTIME / ACKLINE_LAUNCHER_SCRIPT / ACKLINE_LAUNCHER_GROUP when building;
// a source checkout uses build/scripts/install-capture-rights.sh instead.
// CommonJS because node-gyp evaluates it with `node -p require(...)`.
'use strict';

const DEFAULTS = {
  runtime: '/opt/Ackline/ackline',
  script: '/opt/Ackline/resources/app.asar.unpacked/out/capture/capture-process.mjs',
  group: 'ackline',
};

function pick(name, env, shape) {
  const v = process.env[env] || DEFAULTS[name];
  // They become C string literals: plain characters only.
  if (!shape.test(v)) throw new Error(`${env}=${v}: expected ${shape}`);
  return v;
}

module.exports = {
  DEFAULTS,
  runtime: pick('runtime', 'ACKLINE_LAUNCHER_RUNTIME', /^(\/[A-Za-z0-9._+-]+)+$/),
  script: pick('script', 'ACKLINE_LAUNCHER_SCRIPT', /^(\/[A-Za-z0-9._+-]+)+$/),
  group: pick('group', 'ACKLINE_LAUNCHER_GROUP', /^[a-z_][a-z0-9_-]{0,31}$/),
};

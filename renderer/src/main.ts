// renderer/: the Vue 3 + Pinia UI.
//
// Entry: connect to the host (Electron's preload or the serve host's socket), mount.
import { wsCodec } from '../../electron/shared/ws-framing.js';
import { connect } from './api/connect.js';
import { boot } from './boot.js';

const connection = connect(window, wsCodec);
boot(connection.client);
connection.onLost((reason) => {
  const banner = document.createElement('div');
  banner.className = 'lost-banner';
  banner.textContent = `${reason} Reload the page once the host is running again.`;
  document.body.append(banner);
});

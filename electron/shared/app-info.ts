// What the About box says. The version is package.json's (a test keeps the two equal): the
// renderer imports shared code only, not the package file.
export const APP_INFO = {
  name: 'Ackline',
  version: '0.1.0',
  description: 'A desktop packet-capture workstation that shows what a network conversation actually did.',
  licence: 'MIT',
  credits: 'Summary lines as tcpdump prints them; fields, filters and colouring rules after Wireshark.',
} as const;

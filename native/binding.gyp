{
  "targets": [
    {
      "target_name": "ackline_pcap",
      "sources": [
        "src/addon.c",
        "src/capture-thread.c",
        "src/devices.c",
        "src/filter.c",
        "src/capture.c",
        "src/privileges.c"
      ],
      "libraries": [
        "-lpcap",
        "-lpthread"
      ],
      "cflags": [
        "-std=c11",
        "-Wall",
        "-Wextra",
        "-O2",
        "-D_GNU_SOURCE"
      ],
      "defines": [
        "NAPI_VERSION=8"
      ],
      "conditions": [
        [
          "OS=='win'",
          {
            "include_dirs": [
              "<!(echo %NPCAP_SDK%)/Include"
            ],
            "libraries": [
              "-l<!(echo %NPCAP_SDK%)/Lib/x64/wpcap.lib"
            ],
            "defines": [
              "HAVE_REMOTE"
            ]
          }
        ],
        [
          "OS=='mac'",
          {
            "xcode_settings": {
              "OTHER_CFLAGS": [
                "-std=c11"
              ]
            }
          }
        ]
      ]
    },
    {
      "target_name": "ackline-capture-launcher",
      "type": "executable",
      "sources": [
        "src/launcher.c"
      ],
      "cflags": [
        "-std=c11",
        "-Wall",
        "-Wextra",
        "-O2"
      ],
      "conditions": [
        [
          "OS!='linux'",
          {
            "type": "none",
            "sources": []
          }
        ]
      ],
      "variables": {
        "ackline_runtime": "<!(node -p \"require('../build/scripts/launcher-paths.cjs').runtime\")",
        "ackline_script": "<!(node -p \"require('../build/scripts/launcher-paths.cjs').script\")",
        "ackline_group": "<!(node -p \"require('../build/scripts/launcher-paths.cjs').group\")"
      },
      "defines": [
        "ACKLINE_RUNTIME=\"<(ackline_runtime)\"",
        "ACKLINE_SCRIPT=\"<(ackline_script)\"",
        "ACKLINE_GROUP=\"<(ackline_group)\""
      ]
    }
  ]
}

; Ackline's additions to electron-builder's NSIS installer.
; Npcap provides live capture on Windows and may not be redistributed: detect it (its DLLs
; in System32\Npcap, or its registry key) and, when missing, offer to open npcap.com.
; Opening and exporting capture files works without it.

!macro ackline_npcap_present _result
  StrCpy ${_result} "0"
  IfFileExists "$SYSDIR\Npcap\wpcap.dll" 0 +2
    StrCpy ${_result} "1"
  ReadRegStr $R9 HKLM "SOFTWARE\Npcap" ""
  StrCmp $R9 "" +2 0
    StrCpy ${_result} "1"
!macroend

!macro customInstall
  !insertmacro ackline_npcap_present $R8
  StrCmp $R8 "1" ackline_npcap_done 0
    MessageBox MB_YESNO|MB_ICONINFORMATION "Ackline captures live traffic through Npcap, which is not installed.$\r$\n$\r$\nOpening and exporting capture files works without it. Open npcap.com to download Npcap now?" /SD IDNO IDNO ackline_npcap_done
    ExecShell "open" "https://npcap.com/#download"
  ackline_npcap_done:
!macroend

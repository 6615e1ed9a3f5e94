; Inno Setup script for the Windows installer: a per-user install (no administrator rights), a Start-menu
; entry and an uninstaller. Built by .github/workflows/release.yml from PyInstaller's build\dist\ShopDesk:
;   ISCC.exe /DAppVersion=0.1.0 .github\installer\shopdesk.iss
; The data directory (%LOCALAPPDATA%\ShopDesk) is not touched by an upgrade or an uninstall.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "ShopDesk"
#define SourceDir "..\..\build\dist\ShopDesk"

[Setup]
AppId={{6F3B0E52-8D0B-4C55-9E55-5B7C1C4A3D11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=ShopDesk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DisableProgramGroupPage=yes
OutputDir=..\..\build\installer
OutputBaseFilename=ShopDesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\shopdesk.ico
UninstallDisplayIcon={app}\ShopDesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "turkish"; MessagesFile: "compiler:Languages\Turkish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\ShopDesk.exe"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\ShopDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ShopDesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

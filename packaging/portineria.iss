; Inno Setup script for the Windows installer, built from PyInstaller's dist/portineria folder.
;   iscc packaging\portineria.iss
[Setup]
AppName=Portineria
AppVersion=0.1.0
DefaultDirName={autopf}\Portineria
DefaultGroupName=Portineria
OutputBaseFilename=portineria-setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=lowest

[Languages]
Name: "italian"; MessagesFile: "compiler:Languages\Italian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\dist\portineria\*"; DestDir: "{app}"; Flags: recursesubdirs

[Icons]
Name: "{group}\Portineria"; Filename: "{app}\portineria.exe"
Name: "{userdesktop}\Portineria"; Filename: "{app}\portineria.exe"

<#
.SYNOPSIS
  Builds the Windows packages into dist\: an .msi (or .exe) installer from jpackage and, with -Portable, a zip of
  the app image that runs without installing.
.EXAMPLE
  ./scripts/rebuild.ps1 -Bundle msi -CleanDist -Portable
.NOTES
  Needs Maven, a JDK (25 preferred: faster start with its class-data archive) and the WiX Toolset that
  jpackage drives: WiX 3 (candle.exe/light.exe), or WiX 4+ (wix.exe) with a JDK 24 or newer.
  Extra Maven flags: $env:MVN_FLAGS = '-o'.
#>
[CmdletBinding()]
param(
    # Installer types to build: msi, exe, or none (only the app image, e.g. with -Portable).
    [ValidateSet('msi', 'exe', 'none')]
    [string[]] $Bundle = @('msi'),
    # Empty dist\ first.
    [switch] $CleanDist,
    # Also pack the app image and the env samples as dist\CodexManager-VERSION-windows-x64.zip.
    [switch] $Portable,
    # JDK whose jpackage builds the packages and whose runtime is bundled (default: $env:PACKAGE_JDK, then a JDK
    # 21+ from $env:JAVA_HOME or the usual install folders, else $env:JAVA_HOME).
    [string] $Jdk = $env:PACKAGE_JDK,
    # Run the tests in the same Maven run (default: skipped).
    [switch] $WithTests,
    # Print what would be done and change nothing.
    [switch] $DryRun
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Step([string] $Description, [scriptblock] $Action) {
    Write-Host "+ $Description"
    if (-not $DryRun) {
        $global:LASTEXITCODE = 0
        & $Action
        if ($LASTEXITCODE) { throw "failed with exit code ${LASTEXITCODE}: $Description" }
    }
}

function Get-JdkFeature([string] $JdkHome) {
    $release = Join-Path $JdkHome 'release'
    if (-not (Test-Path $release)) { return 0 }
    $match = Select-String -Path $release -Pattern '^JAVA_VERSION="(\d+)' | Select-Object -First 1
    if ($match) { return [int] $match.Matches[0].Groups[1].Value } else { return 0 }
}

function Find-Jdk {
    if ($Jdk) {
        if (-not (Test-Path (Join-Path $Jdk 'bin\jpackage.exe'))) { throw "no jpackage.exe in $Jdk\bin" }
        return $Jdk
    }
    if ($env:JAVA_HOME -and (Get-JdkFeature $env:JAVA_HOME) -ge 21) { return $env:JAVA_HOME }
    $installed = @('Eclipse Adoptium', 'Java', 'Microsoft', 'Zulu') |
        ForEach-Object { Join-Path $env:ProgramFiles $_ } | Where-Object { Test-Path $_ } |
        ForEach-Object { Get-ChildItem -Directory $_ } |
        Where-Object { Test-Path (Join-Path $_.FullName 'bin\jpackage.exe') } |
        Sort-Object { Get-JdkFeature $_.FullName } -Descending | Select-Object -First 1
    if ($installed -and (Get-JdkFeature $installed.FullName) -ge 21) { return $installed.FullName }
    if ($env:JAVA_HOME -and (Test-Path (Join-Path $env:JAVA_HOME 'bin\jpackage.exe'))) { return $env:JAVA_HOME }
    throw 'no JDK with jpackage found: install JDK 21+ and set JAVA_HOME or pass -Jdk PATH'
}

function Test-Wix {
    if (Get-Command wix.exe -ErrorAction SilentlyContinue) { return $true }
    if (Get-Command candle.exe -ErrorAction SilentlyContinue) { return $true }
    $programFilesX86 = [Environment]::GetFolderPath('ProgramFilesX86')
    return [bool] (Get-ChildItem -Path $programFilesX86 -Filter 'WiX Toolset v3*' -Directory -ErrorAction SilentlyContinue)
}

$pom = Select-String -Path (Join-Path $Root 'pom.xml') -Pattern '^  <version>(.+)</version>$' | Select-Object -First 1
if (-not $pom) { throw 'no project <version> in pom.xml' }
$Version = $pom.Matches[0].Groups[1].Value
$installers = @($Bundle | Where-Object { $_ -ne 'none' })
$jdkHome = Find-Jdk
$feature = Get-JdkFeature $jdkHome
Write-Host "CodexManager $Version`: installers '$($installers -join ',')', portable $Portable, JDK $jdkHome (Java $feature)"
if ($installers.Count -gt 0 -and -not (Test-Wix)) {
    throw 'WiX Toolset not found: install WiX 3.14 (e.g. choco install wixtoolset) and retry'
}
if (-not (Get-Command mvn -ErrorAction SilentlyContinue)) { throw 'Maven (mvn) is needed on PATH' }

$dist = Join-Path $Root 'dist'
if ($CleanDist) {
    Invoke-Step "remove $dist" { if (Test-Path $dist) { Remove-Item -Recurse -Force $dist } }
}
Invoke-Step "create $dist" { New-Item -ItemType Directory -Force $dist | Out-Null }

$mvnArgs = @('-B', '-Ppackage', 'package', "-Djpackage.jdk=$jdkHome", "-Djpackage.multiRelease=$feature",
    "-Djpackage.types=$($installers -join ',')", "-Djpackage.output=$dist")
if (-not $WithTests) { $mvnArgs += '-DskipTests' }
if ($env:MVN_FLAGS) { $mvnArgs += $env:MVN_FLAGS -split '\s+' }
Invoke-Step "mvn $($mvnArgs -join ' ')" { & mvn @mvnArgs }

if ($Portable) {
    $name = "CodexManager-$Version-windows-x64"
    $folder = Join-Path $dist $name
    Invoke-Step "copy the app image to $folder" {
        if (Test-Path $folder) { Remove-Item -Recurse -Force $folder }
        Copy-Item -Recurse (Join-Path $Root 'target\jpackage\image\CodexManager') $folder
        New-Item -ItemType Directory -Force (Join-Path $folder 'env-samples') | Out-Null
        Copy-Item (Join-Path $Root 'env-samples\*.env') (Join-Path $folder 'env-samples')
        # Read at start from next to CodexManager.exe; every line of it is commented out.
        Copy-Item (Join-Path $Root 'env-samples\codexmanager.env') (Join-Path $folder 'codexmanager.env')
    }
    Invoke-Step "zip $folder.zip" {
        Compress-Archive -Force -Path $folder -DestinationPath "$folder.zip"
    }
}
if (-not $DryRun) {
    Write-Host 'built in dist\:'
    Get-ChildItem -File $dist | ForEach-Object { Write-Host ("  {0,8:N1} MB  {1}" -f ($_.Length / 1MB), $_.Name) }
}

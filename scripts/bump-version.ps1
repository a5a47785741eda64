<#
.SYNOPSIS
  Sets the product version in every place listed in scripts/version-places.txt (the installers derive theirs
  from pom.xml when they are built). Prints each change; -DryRun only prints.
.EXAMPLE
  ./scripts/bump-version.ps1 -Version 1.4.0 -DryRun
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true, Position = 0)]
    [string] $Version,
    [switch] $DryRun
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

if ($Version -notmatch '^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.]+)?$') {
    throw "version must be MAJOR.MINOR.PATCH with an optional -QUALIFIER: $Version"
}
# Windows Installer limits: major and minor up to 255, build (patch) up to 65535.
if ([int] $Matches[1] -gt 255 -or [int] $Matches[2] -gt 255 -or [int] $Matches[3] -gt 65535) {
    throw "an .msi version allows at most 255.255.65535: $Version"
}
$numeric = "$($Matches[1]).$($Matches[2]).$($Matches[3])"

$pom = Select-String -Path 'pom.xml' -Pattern '^  <version>(.+)</version>$' | Select-Object -First 1
$old = $pom.Matches[0].Groups[1].Value
if ($old -eq $Version) { Write-Host "version is already $Version`: nothing to do"; exit 0 }
Write-Host ("bumping $old -> $Version" + $(if ($DryRun) { ' (dry run: no file is changed)' } else { '' }))

$changed = 0
foreach ($line in Get-Content 'scripts/version-places.txt') {
    if ($line -eq '' -or $line.StartsWith('#')) { continue }
    $file, $prefix, $suffix = $line -split "`t"
    if (-not (Test-Path $file)) { throw "$file (listed in scripts/version-places.txt) does not exist" }
    $from = "$prefix$old$suffix"
    $to = "$prefix$Version$suffix"
    $text = [IO.File]::ReadAllText((Resolve-Path $file))
    $newline = if ($text.Contains("`r`n")) { "`r`n" } else { "`n" }
    $lines = $text -split "`r?`n"
    $index = [Array]::IndexOf($lines, $from)
    if ($index -lt 0) { throw "$file has no line '$from'" }
    Write-Host "  $file`: '$from' -> '$to'"
    if (-not $DryRun) {
        $lines[$index] = $to
        [IO.File]::WriteAllText((Resolve-Path $file), ($lines -join $newline))
    }
    $changed++
}
$macVersion = if ($numeric.StartsWith('0.')) { '1.' + $numeric.Substring(2) } else { $numeric }
Write-Host "$changed file(s). Installers built from now on: .deb/.msi version $numeric, macOS bundle version $macVersion"

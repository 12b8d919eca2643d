BeforeAll {
    . $PSScriptRoot/../triage/Get-TriageData.ps1 -ComputerName localhost
}

Describe 'Get-AutorunEntries' {
    It 'returns startup commands' {
        Mock Get-CimInstance { [pscustomobject]@{ Name = 'x'; Command = 'y'; Location = 'z'; User = 'u' } }
        (Get-AutorunEntries).Name | Should -Be 'x'
    }
}

@_exported import DemarcheML
@_exported import DemarcheText

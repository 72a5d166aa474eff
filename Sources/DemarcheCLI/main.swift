import Demarche
print("demarche: work in progress")

import PressKit
print("presskit")
